package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.scratchnet.UserException;
import org.scratchnet.eval.Committee;
import org.scratchnet.io.ModelFile;
import org.scratchnet.nn.Network;

/**
 * The models of a repeated {@code --model} ({@code evaluate}, {@code predict} and {@code serve}
 * take several and answer as their {@link Committee}): each loaded as one model would be, then checked
 * together before any work, so that the mean of their probabilities means something: the same
 * number of inputs, the same classes, the same preprocessing of the input (from each model's
 * metadata), and, for {@code evaluate --csv} without {@code --all}, the same held-out rows. A
 * mismatch is one line naming both files.
 */
final class CommitteeModels {
    private CommitteeModels() {}

    /** One member: its file and what was loaded from it. */
    record Member(Path file, ModelFile.Loaded loaded) {
        Network network() {
            return loaded.network();
        }

        Map<String, String> metadata() {
            return loaded.metadata();
        }
    }

    /** Loads every file and checks that they can sit on one committee. */
    static List<Member> load(List<Path> files, StateDictOptions stateDict) {
        return load(files, stateDict::load);
    }

    /** Loads every file with {@code loader} and checks that they can sit on one committee. */
    static List<Member> load(List<Path> files, Function<Path, ModelFile.Loaded> loader) {
        List<Member> members = new ArrayList<>();
        for (Path file : files) members.add(new Member(file, loader.apply(file)));
        Member first = members.get(0);
        for (Member m : members.subList(1, members.size())) {
            Network a = first.network();
            Network b = m.network();
            if (b.inputSize() != a.inputSize()) refuse(m, first, "takes " + b.inputSize() + " inputs but", "takes " + a.inputSize());
            if (b.classes() != a.classes()) refuse(m, first, "has " + b.classes() + " output classes but", "has " + a.classes());
            String pa = first.metadata().get("preprocessing");
            String pb = m.metadata().get("preprocessing");
            if (!Objects.equals(pa, pb)) {
                refuse(m, first, "expects its input as '" + pb + "' but", "as '" + pa + "'");
            }
        }
        return members;
    }

    /** The committee of the members' networks (a committee of one is that model). */
    static Committee committee(List<Member> members) {
        return Committee.of(members.stream().map(Member::network).toList());
    }

    /**
     * With {@code evaluate --csv} (no {@code --all}), the held-out rows are found from the split the
     * first member records; every other member must record the same split, or some of those rows
     * were its training rows.
     */
    static void requireSameCsvSplit(List<Member> members) {
        Member first = members.get(0);
        CsvSplit a = CsvSplit.from(first.metadata(), first.file().toString());
        for (Member m : members.subList(1, members.size())) {
            CsvSplit b = CsvSplit.from(m.metadata(), m.file().toString());
            boolean same = a == null ? b == null : b != null && a.rows() == b.rows() && Objects.equals(a.sha256(), b.sha256())
                    && a.testFraction() == b.testFraction() && a.seed() == b.seed() && a.testRows() == b.testRows();
            if (!same) {
                throw new UserException("--model " + m.file() + " was not trained on the same split of the file as "
                        + first.file() + ", so the rows held out from one were training rows of the other; add --all to"
                        + " evaluate the committee on every row of a file none of its members saw");
            }
        }
    }

    private static void refuse(Member m, Member first, String what, String firstWhat) {
        throw new UserException("--model " + m.file() + " " + what + " " + first.file() + " " + firstWhat
                + "; a committee's members must read the same inputs, answer the same classes and expect the same preprocessing");
    }
}
