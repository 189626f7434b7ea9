using System;
using System.IO;

namespace SymGrad.Checkpoints
{
    /// <summary>
    /// Saves and loads checkpoints in <see cref="CheckpointFormat"/>. Saving is atomic: the bytes go to a temporary file beside
    /// the target, are flushed to disk, the temporary file is then renamed over the target and the folder is flushed, so a crash
    /// or error mid-write leaves the previous checkpoint intact and a completed save survives a power failure. Loading validates
    /// the whole file before returning anything.
    /// </summary>
    public sealed class CheckpointFile
    {
        private readonly ICheckpointFileSystem fileSystem;

        /// <summary>Creates a checkpoint reader/writer.</summary>
        /// <param name="fileSystem">The file operations; null means the real file system.</param>
        public CheckpointFile(ICheckpointFileSystem? fileSystem = null)
        {
            this.fileSystem = fileSystem ?? PhysicalCheckpointFileSystem.Instance;
        }

        /// <summary>A reader/writer on the real file system.</summary>
        public static CheckpointFile Default { get; } = new CheckpointFile();

        /// <summary>The temporary file used while saving <paramref name="path"/>.</summary>
        /// <param name="path">The checkpoint path.</param>
        /// <returns>The path with ".tmp" appended.</returns>
        public static string TemporaryPathFor(string path) => path + ".tmp";

        /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="path"/> atomically.</summary>
        /// <param name="path">The checkpoint path.</param>
        /// <param name="checkpoint">The checkpoint.</param>
        public void Save(string path, Checkpoint checkpoint)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            ArgumentNullException.ThrowIfNull(checkpoint);
            byte[] bytes = CheckpointFormat.Serialize(checkpoint);
            string temporary = TemporaryPathFor(path);
            try
            {
                using (Stream stream = fileSystem.Create(temporary))
                {
                    stream.Write(bytes, 0, bytes.Length);
                    fileSystem.FlushToDisk(stream);
                }

                fileSystem.Replace(temporary, path);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }

            // Without this the rename itself may still be only in memory: after a power failure the folder could show the old file.
            fileSystem.FlushDirectory(FolderOf(path));
        }

        /// <summary>
        /// Checks before any training that a checkpoint can be saved at <paramref name="path"/>: the path is not a folder and its
        /// temporary file can be created (and is deleted again), so a bad path fails at once instead of after the first epoch.
        /// </summary>
        /// <param name="path">The checkpoint path.</param>
        /// <exception cref="IOException">The path is a folder, its folder does not exist, or the file cannot be created.</exception>
        public void EnsureWritable(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            if (Directory.Exists(path))
            {
                throw new IOException($"The checkpoint path '{path}' is a folder; give the path of a file.");
            }

            string temporary = TemporaryPathFor(path);
            try
            {
                fileSystem.Create(temporary).Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"A checkpoint cannot be written to '{path}': {e.Message}", e);
            }

            TryDelete(temporary);
        }

        /// <summary>Reads and validates a checkpoint.</summary>
        /// <param name="path">The checkpoint path.</param>
        /// <returns>The checkpoint.</returns>
        /// <exception cref="InvalidDataException">The file is truncated, corrupt, not a checkpoint or of an unsupported version.</exception>
        public Checkpoint Load(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            return CheckpointFormat.Deserialize(fileSystem.ReadAllBytes(path), path);
        }

        private static string FolderOf(string path)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            return string.IsNullOrEmpty(folder) ? Directory.GetCurrentDirectory() : folder;
        }

        private void TryDelete(string path)
        {
            try
            {
                fileSystem.Delete(path);
            }
            catch (IOException)
            {
                // The original failure is more informative than a failed clean-up of the temporary file.
            }
            catch (UnauthorizedAccessException)
            {
                // Same as above.
            }
        }
    }
}
