using System;
using System.IO;
using System.Runtime.InteropServices;

namespace SymGrad.Checkpoints
{
    /// <summary>
    /// The real file system: <see cref="FileStream"/>, <c>Flush(flushToDisk: true)</c>, <see cref="File.Move(string, string, bool)"/>
    /// and, on Linux and macOS, <c>fsync</c> of the folder after the rename.
    /// </summary>
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
        /// <remarks>
        /// .NET cannot open a folder as a stream, so this calls libc's <c>open</c>, <c>fsync</c> and <c>close</c> directly. A file
        /// system that does not support syncing folders (EINVAL) is not an error. On Windows there is no equivalent and the
        /// rename is left to NTFS's metadata journal.
        /// </remarks>
        /// <exception cref="IOException">The folder could not be opened or flushed.</exception>
        public void FlushDirectory(string directory)
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            int fd = NativeMethods.open(directory, NativeMethods.ReadOnly);
            if (fd < 0)
            {
                throw new IOException($"Could not open the folder '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
            }

            try
            {
                if (NativeMethods.fsync(fd) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno != NativeMethods.InvalidArgument)
                    {
                        throw new IOException($"Could not flush the folder '{directory}' to disk (errno {errno}).");
                    }
                }
            }
            finally
            {
                NativeMethods.close(fd);
            }
        }

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

        /// <summary>The libc calls that sync a folder; O_RDONLY is 0 and EINVAL is 22 on both Linux and macOS.</summary>
        private static class NativeMethods
        {
            public const int ReadOnly = 0;
            public const int InvalidArgument = 22;

            [DllImport("libc", SetLastError = true)]
            public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

            [DllImport("libc", SetLastError = true)]
            public static extern int fsync(int fd);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int fd);
        }
    }
}
