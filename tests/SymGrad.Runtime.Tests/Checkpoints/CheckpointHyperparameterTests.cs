using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using SymGrad.Checkpoints;
using SymGrad.Optimizers;
using Xunit;

namespace SymGrad.Runtime.Tests.Checkpoints
{
    /// <summary>Optimizer states remember their hyper-parameters, so a checkpoint cannot silently continue under other settings.</summary>
    public class CheckpointHyperparameterTests
    {
        [Fact]
        public void HyperparametersRoundTripThroughACheckpointFile()
        {
            var adam = new Adam(0.01, beta1: 0.8, beta2: 0.95, epsilon: 1e-7, weightDecay: 0.5, amsgrad: true);
            double[] p = { 1.0, -2.0 };
            adam.Step(p, new[] { 0.3, 0.1 });
            Checkpoint loaded = CheckpointFormat.Deserialize(CheckpointFormat.Serialize(new Checkpoint(p, adam.SaveState(), 1)), "mem");
            Assert.Equal(
                new[] { ("beta1", 0.8), ("beta2", 0.95), ("eps", 1e-7), ("weight_decay", 0.5), ("amsgrad", 1.0) },
                loaded.OptimizerState!.Hyperparameters.Select(h => (h.Key, h.Value)).ToArray());
        }

        [Fact]
        public void LoadingIntoAnOptimizerWithOtherBetasIsRefused()
        {
            var saved = new Adam(0.01, beta2: 0.99);
            double[] p = { 1.0, -2.0 };
            saved.Step(p, new[] { 0.3, 0.1 });
            Checkpoint checkpoint = CheckpointFormat.Deserialize(CheckpointFormat.Serialize(new Checkpoint(p, saved.SaveState(), 1)), "mem");

            var other = new Adam(0.01, beta2: 0.999);
            var ex = Assert.Throws<ArgumentException>("state", () => checkpoint.Restore(new double[2], other));
            Assert.Contains("beta2 was 0.99 but is 0.999 here", ex.Message);
            Assert.Equal(0, other.StepCount);

            var same = new Adam(0.5, beta2: 0.99);
            checkpoint.Restore(new double[2], same);
            Assert.Equal(1, same.StepCount);
            Assert.Equal(0.01, same.LearningRate);
        }

        [Theory]
        [InlineData(0.9, 0.0, false, 0.0)]
        [InlineData(0.5, 0.5, false, 0.0)]
        [InlineData(0.5, 0.0, true, 0.0)]
        [InlineData(0.5, 0.0, false, 1e-4)]
        public void SgdSettingsMustMatch(double momentum, double dampening, bool nesterov, double weightDecay)
        {
            var saved = new Sgd(0.1, momentum: 0.5, dampening: 0.0);
            double[] p = { 1.0 };
            saved.Step(p, new[] { 0.2 });
            var other = new Sgd(0.1, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov);
            var ex = Assert.Throws<ArgumentException>(() => other.LoadState(saved.SaveState()));
            Assert.Contains("other hyper-parameters", ex.Message);
        }

        [Fact]
        public void VersionOneCheckpointsStillLoadWithoutTheCheck()
        {
            var sgd = new Sgd(0.1, momentum: 0.9);
            double[] p = { 1.0, 2.0 };
            sgd.Step(p, new[] { 0.1, 0.2 });
            OptimizerState state = sgd.SaveState();
            var withoutSettings = new OptimizerState(state.Kind, state.StepCount, state.LearningRate, state.Buffers.Select(b => new KeyValuePair<string, double[]>(b.Key, b.Value.ToArray())));
            byte[] version1 = AsVersionOne(CheckpointFormat.Serialize(new Checkpoint(p, withoutSettings, 2)));

            Checkpoint loaded = CheckpointFormat.Deserialize(version1, "v1.ckpt");
            Assert.Empty(loaded.OptimizerState!.Hyperparameters);
            Assert.Equal(p, loaded.Parameters.ToArray());
            var restored = new Sgd(0.3, momentum: 0.9);
            loaded.Restore(new double[2], restored);
            Assert.Equal(sgd.SaveState().GetBuffer("momentum_buffer").ToArray(), restored.SaveState().GetBuffer("momentum_buffer").ToArray());
        }

        /// <summary>Rewrites a version-2 file whose state has no hyper-parameters as version 1: drop the trailing zero count, fix length and hash.</summary>
        private static byte[] AsVersionOne(byte[] version2)
        {
            int payload = version2.Length - CheckpointFormat.HeaderSize - CheckpointFormat.ChecksumSize - 4;
            Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(version2.AsSpan(CheckpointFormat.HeaderSize + payload)));
            var file = new byte[CheckpointFormat.HeaderSize + payload + CheckpointFormat.ChecksumSize];
            version2.AsSpan(0, CheckpointFormat.HeaderSize + payload).CopyTo(file);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 1);
            BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), payload);
            SHA256.HashData(file.AsSpan(0, CheckpointFormat.HeaderSize + payload), file.AsSpan(CheckpointFormat.HeaderSize + payload));
            return file;
        }
    }
}
