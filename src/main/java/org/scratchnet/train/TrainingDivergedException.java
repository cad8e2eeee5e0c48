package org.scratchnet.train;

import org.scratchnet.UserException;

/** The loss became NaN or infinite: the learning rate is too high for this network and data. */
public final class TrainingDivergedException extends UserException {
    public TrainingDivergedException(int iteration, int epoch, double loss) {
        super("training diverged: the loss became " + loss + " at iteration " + iteration + " (epoch " + epoch
                + "); lower the learning rate (--lr) or use another initialiser (--init)");
    }
}
