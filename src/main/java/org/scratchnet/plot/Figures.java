package org.scratchnet.plot;

import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.scratchnet.io.AtomicFiles;

/** Writes a chart as PNG and SVG side by side, each atomically. */
public final class Figures {
    private Figures() {}

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    public static List<Path> write(Chart<?, ?> chart, Path dir, String name) {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return List.of(png, svg);
    }
}
