using System;
using System.IO;
using SymGrad.Checkpoints;

namespace SymGrad.Runtime.Tests.Checkpoints
{
    /// <summary>The real file system, except that streams it creates throw after a given number of bytes (a simulated crash mid-write).</summary>
    internal sealed class FailingFileSystem : ICheckpointFileSystem
    {
        private readonly int failAfterBytes;

        public FailingFileSystem(int failAfterBytes)
        {
            this.failAfterBytes = failAfterBytes;
        }

        public int BytesWrittenBeforeFailure { get; private set; }

        public Stream Create(string path) => new FailingStream(PhysicalCheckpointFileSystem.Instance.Create(path), failAfterBytes, n => BytesWrittenBeforeFailure = n);

        public void FlushToDisk(Stream stream) => stream.Flush();

        public void Replace(string source, string destination) => PhysicalCheckpointFileSystem.Instance.Replace(source, destination);

        public void FlushDirectory(string directory) => PhysicalCheckpointFileSystem.Instance.FlushDirectory(directory);

        public void Delete(string path) => PhysicalCheckpointFileSystem.Instance.Delete(path);

        public byte[] ReadAllBytes(string path) => PhysicalCheckpointFileSystem.Instance.ReadAllBytes(path);

        private sealed class FailingStream : Stream
        {
            private readonly Stream inner;
            private readonly int limit;
            private readonly Action<int> onFailure;
            private int written;

            public FailingStream(Stream inner, int limit, Action<int> onFailure)
            {
                this.inner = inner;
                this.limit = limit;
                this.onFailure = onFailure;
            }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => inner.Length;

            public override long Position
            {
                get => inner.Position;
                set => throw new NotSupportedException();
            }

            public override void Flush() => inner.Flush();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                int allowed = Math.Min(count, limit - written);
                inner.Write(buffer, offset, allowed);
                inner.Flush();
                written += allowed;
                if (allowed < count)
                {
                    onFailure(written);
                    throw new IOException($"Simulated failure after {written} bytes.");
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
