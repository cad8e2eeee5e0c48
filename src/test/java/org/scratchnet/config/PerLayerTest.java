package org.scratchnet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scratchnet.UserException;
import org.scratchnet.nn.Activation;

class PerLayerTest {

    @Test
    void oneValueStandsForEveryHiddenLayer() {
        assertThat(PerLayer.read(List.of("tanh"), 3, Activation::parse, "--activation", "name", "the network"))
                .containsExactly(Activation.TANH, Activation.TANH, Activation.TANH);
        assertThat(PerLayer.read(List.of("0.5"), 0, Float::parseFloat, "--dropout", "rate", "the network")).isEmpty();
    }

    @Test
    void aListGivesOneValuePerHiddenLayerInOrder() {
        assertThat(PerLayer.read(List.of("relu", "sigmoid"), 2, Activation::parse, "--activation", "name", "the network"))
                .containsExactly(Activation.RELU, Activation.SIGMOID);
    }

    @Test
    void aWrongCountIsOneLineNamingTheSettingTheNetworkAndTheFix() {
        assertThatThrownBy(() -> PerLayer.read(List.of("0.1", "0.2", "0.3"), 2, Float::parseFloat, "--dropout", "rate",
                "--layers 784,32,16,10")).isInstanceOf(UserException.class)
                .hasMessage("--dropout has 3 rates but --layers 784,32,16,10 has 2 hidden layers; give one rate for all or one per hidden layer");
        assertThatThrownBy(() -> PerLayer.read(List.of(), 1, Float::parseFloat, "a.yaml: dropout", "rate", "the network"))
                .hasMessage("a.yaml: dropout has 0 rates but the network has 1 hidden layer; give one rate for all or one per hidden layer");
        assertThatThrownBy(() -> PerLayer.read(List.of("relu", "relu"), 1, Activation::parse, "bad\nname.yaml: activation", "name",
                "the network")).hasMessageStartingWith("bad\\nname.yaml").hasMessageNotContaining("\n");
    }

    @Test
    void eachValueIsReadByItsOwnReaderWhoseErrorPassesThrough() {
        assertThatThrownBy(() -> PerLayer.read(List.of("relu", "swish"), 2, Activation::parse, "--activation", "name", "the network"))
                .isInstanceOf(UserException.class).hasMessageContaining("swish");
    }
}
