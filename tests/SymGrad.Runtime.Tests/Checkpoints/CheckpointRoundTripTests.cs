using System;
using System.IO;
using SymGrad.Checkpoints;
using SymGrad.Optimizers;
using Xunit;

namespace SymGrad.Runtime.Tests.Checkpoints
{
    public class CheckpointRoundTripTests
    {
        [Fact]
        public void ParametersAndOptimizerStateRoundTripExactly()
        {
            using var dir = new TemporaryDirectory();
            var adam = new Adam(0.01, amsgrad: true);
            double[] p = { 0.1, -1e-300, Math.PI, double.Epsilon };
            for (int s = 0; s < 3; s++)
            {
                adam.Step(p, new[] { 0.3, -0.2, 0.1 * s, 1.0 });
            }

            string path = dir.File("model.ckpt");
            CheckpointFile.Default.Save(path, new Checkpoint(p, adam.SaveState(), epoch: 7));
            Checkpoint loaded = CheckpointFile.Default.Load(path);

            Assert.Equal(7, loaded.Epoch);
            Assert.Equal(p, loaded.Parameters.ToArray());
            var restored = new Adam(0.5, amsgrad: true);
            double[] q = new double[p.Length];
            loaded.Restore(q, restored);
            Assert.Equal(p, q);
            Assert.Equal(3, restored.StepCount);

            double[] g = { 0.5, 0.5, -0.5, 0.25 };
            adam.Step(p, g);
            restored.Step(q, g);
            Assert.Equal(p, q);
            Assert.False(File.Exists(CheckpointFile.TemporaryPathFor(path)));
        }

        [Fact]
        public void CheckpointWithoutOptimizerState()
        {
            byte[] bytes = CheckpointFormat.Serialize(new Checkpoint(new[] { 1.0, 2.0 }));
            Checkpoint loaded = CheckpointFormat.Deserialize(bytes, "memory");
            Assert.Null(loaded.OptimizerState);
            Assert.Equal(new[] { 1.0, 2.0 }, loaded.Parameters.ToArray());
        }

        [Fact]
        public void LayoutMatchesTheDocumentedHeader()
        {
            byte[] bytes = CheckpointFormat.Serialize(new Checkpoint(new[] { 1.5 }, null, 3));
            Assert.Equal("SYMGCKPT", System.Text.Encoding.ASCII.GetString(bytes, 0, 8));
            Assert.Equal(2u, BitConverter.ToUInt32(bytes, 8));
            Assert.Equal(0u, BitConverter.ToUInt32(bytes, 12));
            // payload: int32 epoch + int32 count + 1 double + marker byte = 17 bytes
            Assert.Equal(17L, BitConverter.ToInt64(bytes, 16));
            Assert.Equal(3, BitConverter.ToInt32(bytes, 24));
            Assert.Equal(1, BitConverter.ToInt32(bytes, 28));
            Assert.Equal(1.5, BitConverter.ToDouble(bytes, 32));
            Assert.Equal(0, bytes[40]);
            Assert.Equal(24 + 17 + 32, bytes.Length);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, 41)), bytes.AsSpan(41).ToArray());
        }
    }
}
