using System;
using System.IO;
using SymGrad.Checkpoints;
using SymGrad.Optimizers;
using Xunit;

namespace SymGrad.Runtime.Tests.Checkpoints
{
    public class CheckpointCorruptionTests
    {
        private static byte[] ValidBytes()
        {
            var sgd = new Sgd(0.1, momentum: 0.9);
            double[] p = { 1.0, 2.0, 3.0 };
            sgd.Step(p, new[] { 0.1, 0.2, 0.3 });
            return CheckpointFormat.Serialize(new Checkpoint(p, sgd.SaveState(), 4));
        }

        private static InvalidDataException LoadFails(byte[] bytes)
        {
            using var dir = new TemporaryDirectory();
            string path = dir.File("bad.ckpt");
            File.WriteAllBytes(path, bytes);
            var ex = Assert.Throws<InvalidDataException>(() => CheckpointFile.Default.Load(path));
            Assert.Contains(path, ex.Message);
            return ex;
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        [InlineData(30)]
        [InlineData(-1)]
        [InlineData(-40)]
        public void TruncatedFileIsRejected(int bytesToKeep)
        {
            byte[] full = ValidBytes();
            int keep = bytesToKeep >= 0 ? bytesToKeep : full.Length + bytesToKeep;
            var ex = LoadFails(full.AsSpan(0, keep).ToArray());
            Assert.True(ex.Message.Contains("truncated", StringComparison.Ordinal) || ex.Message.Contains("magic", StringComparison.Ordinal), ex.Message);
        }

        [Fact]
        public void EveryFlippedByteIsRejected()
        {
            byte[] full = ValidBytes();
            for (int i = 0; i < full.Length; i++)
            {
                byte[] bad = (byte[])full.Clone();
                bad[i] ^= 0x10;
                Assert.Throws<InvalidDataException>(() => CheckpointFormat.Deserialize(bad, "flipped"));
            }

            byte[] payloadFlip = (byte[])full.Clone();
            payloadFlip[CheckpointFormat.HeaderSize + 10] ^= 0x01;
            Assert.Contains("checksum", LoadFails(payloadFlip).Message);
        }

        [Fact]
        public void WrongMagicIsRejected()
        {
            byte[] bad = ValidBytes();
            bad[0] = (byte)'X';
            Assert.Contains("magic", LoadFails(bad).Message);
            Assert.Contains("magic", LoadFails(System.Text.Encoding.ASCII.GetBytes("hello, this is a text file and not a checkpoint at all")).Message);
        }

        [Fact]
        public void WrongVersionIsRejected()
        {
            byte[] bad = ValidBytes();
            bad[8] = 3;
            var ex = LoadFails(bad);
            Assert.Contains("version 3", ex.Message);
        }

        [Theory]
        [InlineData(long.MaxValue)]
        [InlineData(long.MaxValue - 20)]
        [InlineData(long.MinValue)]
        [InlineData(-1L)]
        public void AbsurdPayloadLengthsNeverPrintANegativeSize(long declared)
        {
            byte[] bad = ValidBytes();
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bad.AsSpan(16), declared);
            string message = LoadFails(bad).Message;
            string withoutPath = message.Substring(message.IndexOf(':', StringComparison.Ordinal));
            Assert.DoesNotMatch(@"-\d", withoutPath);
            Assert.Contains(declared < 0 ? "negative payload length" : $"payload of {declared} bytes", message);
        }

        [Fact]
        public void AppendedBytesAreRejected()
        {
            byte[] full = ValidBytes();
            byte[] longer = new byte[full.Length + 4];
            full.CopyTo(longer, 0);
            Assert.Contains("payload", LoadFails(longer).Message);
        }
    }
}
