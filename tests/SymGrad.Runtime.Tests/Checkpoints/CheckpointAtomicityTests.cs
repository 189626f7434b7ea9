using System.IO;
using SymGrad.Checkpoints;
using Xunit;

namespace SymGrad.Runtime.Tests.Checkpoints
{
    public class CheckpointAtomicityTests
    {
        [Theory]
        [InlineData(0)]
        [InlineData(10)]
        [InlineData(60)]
        public void FailureMidWriteLeavesThePreviousCheckpointIntact(int failAfterBytes)
        {
            using var dir = new TemporaryDirectory();
            string path = dir.File("model.ckpt");
            CheckpointFile.Default.Save(path, new Checkpoint(new[] { 1.0, 2.0, 3.0 }, null, 1));
            byte[] before = File.ReadAllBytes(path);

            var failing = new FailingFileSystem(failAfterBytes);
            var newer = new Checkpoint(new double[50], null, 2);
            Assert.Throws<IOException>(() => new CheckpointFile(failing).Save(path, newer));

            Assert.Equal(failAfterBytes, failing.BytesWrittenBeforeFailure);
            Assert.Equal(before, File.ReadAllBytes(path));
            Checkpoint loaded = CheckpointFile.Default.Load(path);
            Assert.Equal(1, loaded.Epoch);
            Assert.Equal(new[] { 1.0, 2.0, 3.0 }, loaded.Parameters.ToArray());
            Assert.False(File.Exists(CheckpointFile.TemporaryPathFor(path)), "the partial temporary file is removed");
        }

        [Fact]
        public void SuccessfulSaveReplacesTheOldCheckpoint()
        {
            using var dir = new TemporaryDirectory();
            string path = dir.File("model.ckpt");
            CheckpointFile.Default.Save(path, new Checkpoint(new[] { 1.0 }, null, 1));
            CheckpointFile.Default.Save(path, new Checkpoint(new[] { 2.0 }, null, 2));
            Assert.Equal(2, CheckpointFile.Default.Load(path).Epoch);
        }
    }
}
