package org.scratchnet.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.nn.Network;
import org.scratchnet.optim.OptimizerSpec;
import org.scratchnet.schedule.ScheduleSpec;
import org.scratchnet.train.Length;
import org.scratchnet.train.TrainingConfig;

class RecipeTest {
    private static final Architecture PAPER_NETWORK = new Architecture(new int[] {784, 10, 10},
            new Activation[] {Activation.RELU}, new float[] {0f});

    @Test
    void theBuilderStartsFromScratchNetsDefaultRecipe() {
        Recipe defaults = Recipe.builder().build();
        assertThat(defaults.architecture().toString()).isEqualTo("784-256-128-10 relu,relu,softmax dropout 0.2,0.2");
        assertThat(defaults.init()).isEqualTo(Initializer.KAIMING);
        assertThat(defaults.training()).isEqualTo(TrainingConfig.builder().build());
        assertThat(defaults.describe())
                .isEqualTo("784-256-128-10 relu, dropout 0.2,0.2, init kaiming; adamw(lr=0.003, beta1=0.9, beta2=0.999, weight_decay=1.0E-4),"
                        + " onecycle, batch 128, 15 epochs");
    }

    @Test
    void trainingSettingsGoToTheTrainingConfiguration() {
        Recipe paper = Recipe.builder().architecture(PAPER_NETWORK).init(Initializer.RANDOM)
                .optimizer(OptimizerSpec.gd(0.1f)).schedule(ScheduleSpec.constant()).fullBatch().iterations(500).seed(3).build();
        assertThat(paper.training()).isEqualTo(TrainingConfig.builder().optimizer(OptimizerSpec.gd(0.1f)).schedule(ScheduleSpec.constant())
                .fullBatch().iterations(500).seed(3).build());
        assertThat(paper.describe()).isEqualTo("784-10-10 relu, init random; gd(lr=0.1), full batch, 500 iterations");
        assertThat(paper.toBuilder().build()).isEqualTo(paper);
        assertThat(paper.toBuilder().epochs(2).build().training().length()).isEqualTo(Length.epochs(2));
    }

    @Test
    void recipesDifferingOnlyInSeedAreEqualOnceTheSeedIsTheSame() {
        Recipe a = Recipe.builder().architecture(PAPER_NETWORK).seed(1).build();
        Recipe b = Recipe.builder().architecture(PAPER_NETWORK).seed(2).build();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.withSeed(5)).isEqualTo(b.withSeed(5));
    }

    @Test
    void theNetworkIsDrawnFromTheRecipesSeed() {
        Recipe recipe = Recipe.builder().architecture(PAPER_NETWORK).init(Initializer.XAVIER).seed(9).build();
        Network expected = Network.create(PAPER_NETWORK, Initializer.XAVIER, 9);
        Network net = recipe.network();
        for (int l = 0; l < expected.depth(); l++) assertThat(net.weights(l)).isEqualTo(expected.weights(l));
    }

    @Test
    void describeNamesMixedActivationsAndDropoutEach() {
        Architecture mixed = new Architecture(new int[] {784, 32, 16, 10}, new Activation[] {Activation.TANH, Activation.SIGMOID},
                new float[] {0.2f, 0f});
        Recipe r = Recipe.builder().architecture(mixed).init(Initializer.XAVIER).optimizer(OptimizerSpec.momentum(0.01f))
                .batchSize(64).epochs(1).build();
        assertThat(r.describe()).isEqualTo("784-32-16-10 tanh,sigmoid, dropout 0.2,0, init xavier; momentum(lr=0.01, momentum=0.9), onecycle,"
                + " batch 64, 1 epoch");
    }
}
