using System.Collections.Generic;
using System.IO;
using SymGrad.Checkpoints;
using Xunit;

namespace SymGrad.Runtime.Tests.Checkpoints
{
    /// <summary>The folder is flushed after the rename, and an unwritable path is found before any training.</summary>
    public class CheckpointDurabilityTests
    {
        [Fact]
        public void TheFolderIsFlushedAfterTheRename()
        {
            using var dir = new TemporaryDirectory();
            var files = new RecordingFileSystem();
            new CheckpointFile(files).Save(dir.File("a.ckpt"), new Checkpoint(new[] { 1.0 }));
            Assert.Equal(new[] { "create", "flush", "replace", "flush-directory " + dir.Path }, files.Calls);
        }

        [Fact]
        public void FlushingARealFolderSucceeds()
        {
            using var dir = new TemporaryDirectory();
            PhysicalCheckpointFileSystem.Instance.FlushDirectory(dir.Path);
            Assert.Throws<IOException>(() => PhysicalCheckpointFileSystem.Instance.FlushDirectory(dir.File("missing")));
        }

        [Fact]
        public void EnsureWritableRefusesFoldersAndMissingFoldersAndLeavesNoFile()
        {
            using var dir = new TemporaryDirectory();
            Assert.Contains("is a folder", Assert.Throws<IOException>(() => CheckpointFile.Default.EnsureWritable(dir.Path)).Message);
            Assert.Contains("cannot be written", Assert.Throws<IOException>(() => CheckpointFile.Default.EnsureWritable(dir.File("no/such/folder/a.ckpt"))).Message);
            CheckpointFile.Default.EnsureWritable(dir.File("ok.ckpt"));
            Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        }

        private sealed class RecordingFileSystem : ICheckpointFileSystem
        {
            public List<string> Calls { get; } = new();

            public Stream Create(string path)
            {
                Calls.Add("create");
                return PhysicalCheckpointFileSystem.Instance.Create(path);
            }

            public void FlushToDisk(Stream stream)
            {
                Calls.Add("flush");
                PhysicalCheckpointFileSystem.Instance.FlushToDisk(stream);
            }

            public void Replace(string source, string destination)
            {
                Calls.Add("replace");
                PhysicalCheckpointFileSystem.Instance.Replace(source, destination);
            }

            public void FlushDirectory(string directory) => Calls.Add("flush-directory " + directory);

            public void Delete(string path) => PhysicalCheckpointFileSystem.Instance.Delete(path);

            public byte[] ReadAllBytes(string path) => PhysicalCheckpointFileSystem.Instance.ReadAllBytes(path);
        }
    }
}
