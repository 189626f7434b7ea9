using System.IO;

namespace SymGrad.Checkpoints
{
    /// <summary>
    /// The file operations <see cref="CheckpointFile"/> needs. The default is <see cref="PhysicalCheckpointFileSystem"/>;
    /// tests substitute an implementation that fails part-way through a write.
    /// </summary>
    public interface ICheckpointFileSystem
    {
        /// <summary>Creates (or truncates) a file for writing.</summary>
        /// <param name="path">The file path.</param>
        /// <returns>A writable stream.</returns>
        Stream Create(string path);

        /// <summary>Flushes the written bytes through to the storage device.</summary>
        /// <param name="stream">A stream returned by <see cref="Create"/>.</param>
        void FlushToDisk(Stream stream);

        /// <summary>Atomically replaces <paramref name="destination"/> with <paramref name="source"/> (a rename).</summary>
        /// <param name="source">The file to move.</param>
        /// <param name="destination">The file to replace.</param>
        void Replace(string source, string destination);

        /// <summary>
        /// Flushes a folder's entries to the storage device, so that a rename into it survives a power failure. Implementations
        /// on systems that cannot do this (Windows) do nothing.
        /// </summary>
        /// <param name="directory">The folder.</param>
        void FlushDirectory(string directory);

        /// <summary>Deletes a file if it exists.</summary>
        /// <param name="path">The file path.</param>
        void Delete(string path);

        /// <summary>Reads a whole file.</summary>
        /// <param name="path">The file path.</param>
        /// <returns>The contents.</returns>
        byte[] ReadAllBytes(string path);
    }
}
