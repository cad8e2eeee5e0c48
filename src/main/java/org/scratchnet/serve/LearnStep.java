package org.scratchnet.serve;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.scratchnet.Seeds;
import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.explain.Explanation;
import org.scratchnet.explain.FirstBatch;
import org.scratchnet.explain.WalkthroughJson;
import org.scratchnet.nn.Engine;

/**
 * What the "one training step" page ({@code /learn}) steps through: one gradient-descent step of
 * the served model (a committee's first member, or the one {@code ?member=m} names), from its own
 * weights, on the first mini-batch of {@value #BATCH} images a trainer seeded with
 * {@link Seeds#DEFAULT} draws from the server's test set, explained as
 * {@code scratchnet explain} explains it (on reference copies of the network: the served one is
 * never changed). Computed on the first request (its gradient check takes a few seconds for a
 * large model) and kept, as JSON. A model file's batch normalisation is folded into its dense
 * layers and its noise left out, so a loaded model is a plain network; a network given by a
 * library user with such layers still in it gets 501 and the walk's one-line refusal instead.
 */
final class LearnStep {
    /** Images in the explained batch: few enough to read, as explain's own default. */
    static final int BATCH = 8;
    /** The step's learning rate: the paper's α. */
    static final float ALPHA = 0.1f;

    private final String modelName;
    private final List<String> memberNames;
    private final Predictor predictor;
    private final Dataset data;
    private final String dataDescription;
    private final byte[][] json;  // one per member, made on first use; guarded by this

    /** The steps of the members of {@code modelName} (one for a single model), called {@code memberNames}. */
    LearnStep(String modelName, List<String> memberNames, Predictor predictor, Dataset data, String dataDescription) {
        this.modelName = modelName;
        this.memberNames = List.copyOf(memberNames);
        this.predictor = predictor;
        this.data = data;
        this.dataDescription = dataDescription;
        this.json = new byte[memberNames.size()][];
    }

    /**
     * The page's JSON ({@link WalkthroughJson}) for the member a request names ({@code member=m};
     * the first without it), made on first use.
     */
    synchronized byte[] json(String memberParameter) {
        int member = predictor.member(memberParameter);
        if (json[member] == null) {
            FirstBatch batch = FirstBatch.of(data, Math.min(BATCH, data.size), Seeds.DEFAULT);
            String weights = memberNames.size() == 1 ? memberNames.get(0)
                    : memberNames.get(member) + " (member " + (member + 1) + " of the " + modelName + ")";
            Explanation e;
            try {
                e = Explanation.of(() -> predictor.use(committee -> committee.members().get(member).copyOn(Engine.reference())), batch,
                        ALPHA, new Explanation.Origin("the weights of " + weights, null, dataDescription, Seeds.DEFAULT));
            } catch (UserException refused) {  // layers the walk has no equations for (batch normalisation, noise)
                throw new HttpError(501, refused.getMessage());
            }
            json[member] = ApiJson.toJson(WalkthroughJson.of(e)).getBytes(StandardCharsets.UTF_8);
        }
        return json[member];
    }
}
