package org.scratchnet.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.image.MnistImage;
import org.scratchnet.image.Polarity;

/**
 * {@code POST /api/predict}: one digit in, the network's answer out. The body is either a picture
 * ({@code image/png} or {@code image/jpeg}, any size and polarity), converted by the same code as
 * {@code scratchnet predict} ({@link MnistImage}), or the network's inputs themselves as
 * {@code application/json} ({@link PixelsJson}). The answer:
 * <pre>
 *   {"prediction": k, "probabilities": [classes numbers],
 *    "input": [784 numbers, the 28x28 the network saw; pictures only],
 *    "hidden_activations": [[units of hidden layer 1], ...],
 *    "hidden_member": m,                                                           a committee only
 *    "members": [{"model": name, "prediction": k, "probabilities": [...]}, ...]}   a committee only
 * </pre>
 * For a committee, the prediction and probabilities are the committee's (the mean of its
 * members'), the hidden activations those of member {@code m} (1 = the first, the default; the
 * query parameter {@code member=m} chooses another, so that the draw page can show any member's),
 * and {@code members} each member's own answer. For a picture, the query parameter
 * {@code invert=auto|yes|no} says its polarity as {@code predict --invert} does (yes: a dark digit
 * on a light background).
 */
final class PredictEndpoint {
    /** The largest body accepted: a phone photo of a digit fits, with room to spare. */
    static final int MAX_BODY_BYTES = 4 << 20;
    /**
     * The most pixels an uploaded picture may declare: 16 megapixels covers a 12-megapixel phone
     * photo, while keeping the memory of decoding it (16 bytes a pixel) to 256 MB per request.
     */
    static final long MAX_UPLOAD_PIXELS = 16_000_000L;
    private static final String TYPES = "image/png, image/jpeg, or application/json with " + PixelsJson.SHAPE;

    private final Predictor predictor;
    private final List<String> memberNames;

    /** The endpoint of {@code predictor}, whose members (one for a single model) are called {@code memberNames}. */
    PredictEndpoint(Predictor predictor, List<String> memberNames) {
        if (memberNames.size() != predictor.members()) throw new IllegalArgumentException("a name for each member");
        this.predictor = predictor;
        this.memberNames = List.copyOf(memberNames);
    }

    Response handle(Request r) {
        String type = r.mediaType();
        String types = String.format(Locale.ROOT, TYPES, predictor.inputSize());
        if (type == null) throw new HttpError(415, "the request has no Content-Type; send " + types);
        boolean picture = type.equals("image/png") || type.equals("image/jpeg");
        if (!picture && !type.equals("application/json")) {
            throw new HttpError(415, "Content-Type " + org.scratchnet.OneLine.excerpt(type, 60) + " is not accepted; send " + types);
        }
        String memberRange = predictor.members() == 1 ? "member=1" : "member=1.." + predictor.members();
        for (String key : r.query.keySet()) {
            if (!(picture && key.equals("invert")) && !key.equals("member")) {
                throw new HttpError(400, "unknown query parameter '" + org.scratchnet.OneLine.excerpt(key, 40) + "'; "
                        + (picture ? "a picture takes invert=auto|yes|no and " + memberRange : "JSON takes only " + memberRange));
            }
        }
        Polarity polarity = picture ? polarity(r.query.getOrDefault("invert", "auto")) : null;
        int hiddenOf = predictor.member(r.query.get("member"));
        byte[] body = r.body(MAX_BODY_BYTES);
        if (body.length == 0) throw new HttpError(400, "the body is empty; send " + types);
        float[] x;
        if (picture) {
            if (predictor.inputSize() != MnistImage.PIXELS) {
                throw new HttpError(400, "this model takes " + predictor.inputSize() + " inputs, and pictures become 28x28 = "
                        + MnistImage.PIXELS + "; send application/json " + String.format(Locale.ROOT, PixelsJson.SHAPE,
                        predictor.inputSize()));
            }
            try {
                x = MnistImage.decode(body, "the uploaded image", polarity, MAX_UPLOAD_PIXELS);
            } catch (UserException e) {
                throw new HttpError(400, e.getMessage());  // not an image, damaged, too many pixels, no digit in it
            }
        } else {
            x = PixelsJson.parse(body, predictor.inputSize());
        }
        Predictor.Prediction p = predictor.predict(x, hiddenOf);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prediction", p.predicted());
        out.put("probabilities", p.probabilities());
        if (picture) out.put("input", x);
        out.put("hidden_activations", p.hiddenActivations());
        if (predictor.members() > 1) {
            out.put("hidden_member", hiddenOf + 1);
            List<Map<String, Object>> members = new ArrayList<>();
            for (int k = 0; k < p.members().size(); k++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", memberNames.get(k));
                m.put("prediction", p.members().get(k).predicted());
                m.put("probabilities", p.members().get(k).probabilities());
                members.add(m);
            }
            out.put("members", members);
        }
        return Response.json(200, out);
    }

    private static Polarity polarity(String invert) {
        return switch (invert.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> Polarity.AUTO;
            case "yes" -> Polarity.DARK_ON_LIGHT;
            case "no" -> Polarity.LIGHT_ON_DARK;
            default -> throw new HttpError(400, "invert takes auto, yes (dark digit on a light background) or no"
                    + " (light on dark), got '" + org.scratchnet.OneLine.excerpt(invert, 40) + "'");
        };
    }
}
