using System.IO;

namespace SymGrad.Checkpoints
{
    /// <summary>The real file system: <see cref="FileStream"/>, <c>Flush(flushToDisk: true)</c> and <see cref="File.Move(string, string, bool)"/>.</summary>
    public sealed class PhysicalCheckpointFileSystem : ICheckpointFileSystem
    {
        /// <summary>The shared instance.</summary>
        public static PhysicalCheckpointFileSystem Instance { get; } = new PhysicalCheckpointFileSystem();

        /// <inheritdoc />
        public Stream Create(string path) => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);

        /// <inheritdoc />
        public void FlushToDisk(Stream stream)
        {
            if (stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                stream.Flush();
            }
        }

        /// <inheritdoc />
        public void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);

        /// <inheritdoc />
        public void Delete(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        /// <inheritdoc />
        public byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);
    }
}
