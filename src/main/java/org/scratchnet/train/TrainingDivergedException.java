package org.scratchnet.train;

import org.scratchnet.UserException;

/** The loss became NaN, infinite or absurdly large: the learning rate is too high for this network and data. */
public final class TrainingDivergedException extends UserException {
    public TrainingDivergedException(int iteration, int epoch, double loss) {
        super("training diverged: the mean loss became " + loss + " at iteration " + iteration + " (epoch " + epoch
                + "); lower the learning rate (--lr) or use another initialiser (--init)");
    }
}
