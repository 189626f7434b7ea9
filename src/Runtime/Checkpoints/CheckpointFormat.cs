using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using SymGrad.Optimizers;

namespace SymGrad.Checkpoints
{
    /// <summary>
    /// The binary checkpoint format, version 2 (all integers and doubles little-endian; doubles are IEEE 754 binary64 bit patterns,
    /// so values round-trip exactly):
    /// <code>
    /// offset  size  field
    /// 0       8     magic, ASCII "SYMGCKPT"
    /// 8       4     uint32 format version (2; version 1 is still read)
    /// 12      4     uint32 flags, must be 0
    /// 16      8     int64 payload length N
    /// 24      N     payload
    /// 24+N    32    SHA-256 of bytes [0, 24+N)
    /// payload:
    ///   int32 epoch
    ///   int32 P, then P doubles (parameters)
    ///   byte  1 if optimizer state follows, else 0
    ///   optimizer state: int32 byte length + UTF-8 kind; int64 step count; double learning rate;
    ///                    int32 buffer count; per buffer: int32 byte length + UTF-8 name, int32 L, L doubles;
    ///                    version 2 only: int32 hyper-parameter count; per hyper-parameter: int32 byte length + UTF-8 name, double
    /// </code>
    /// Version 1 lacks the hyper-parameters; its optimizer states load without the check that they match.
    /// A reader rejects the file unless every check passes: length, magic, version, flags, payload length, checksum, and payload
    /// lengths that exactly fill the payload.
    /// </summary>
    public static class CheckpointFormat
    {
        /// <summary>The current format version.</summary>
        public const int CurrentVersion = 2;

        /// <summary>The oldest version this reader accepts.</summary>
        public const int OldestReadableVersion = 1;

        /// <summary>The size of the fixed header in bytes.</summary>
        public const int HeaderSize = 24;

        /// <summary>The size of the SHA-256 trailer in bytes.</summary>
        public const int ChecksumSize = 32;

        private static readonly byte[] MagicBytes = Encoding.ASCII.GetBytes("SYMGCKPT");

        /// <summary>The 8 magic bytes at the start of every checkpoint ("SYMGCKPT").</summary>
        public static ReadOnlySpan<byte> Magic => MagicBytes;

        /// <summary>Encodes a checkpoint.</summary>
        /// <param name="checkpoint">The checkpoint.</param>
        /// <returns>The file contents.</returns>
        public static byte[] Serialize(Checkpoint checkpoint)
        {
            ArgumentNullException.ThrowIfNull(checkpoint);
            var payload = new MemoryStream();
            using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(checkpoint.Epoch);
                WriteDoubles(writer, checkpoint.Parameters);
                OptimizerState? state = checkpoint.OptimizerState;
                writer.Write((byte)(state is null ? 0 : 1));
                if (state is not null)
                {
                    WriteString(writer, state.Kind);
                    writer.Write(state.StepCount);
                    writer.Write(state.LearningRate);
                    writer.Write(state.BufferCount);
                    foreach (KeyValuePair<string, ReadOnlyMemory<double>> buffer in state.Buffers)
                    {
                        WriteString(writer, buffer.Key);
                        WriteDoubles(writer, buffer.Value.Span);
                    }

                    writer.Write(state.Hyperparameters.Count);
                    foreach (KeyValuePair<string, double> setting in state.Hyperparameters)
                    {
                        WriteString(writer, setting.Key);
                        writer.Write(setting.Value);
                    }
                }
            }

            int payloadLength = checked((int)payload.Length);
            byte[] file = new byte[HeaderSize + payloadLength + ChecksumSize];
            MagicBytes.CopyTo(file, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), CurrentVersion);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), 0);
            BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), payloadLength);
            payload.GetBuffer().AsSpan(0, payloadLength).CopyTo(file.AsSpan(HeaderSize));
            SHA256.HashData(file.AsSpan(0, HeaderSize + payloadLength), file.AsSpan(HeaderSize + payloadLength));
            return file;
        }

        /// <summary>Decodes and fully validates a checkpoint; nothing is returned unless the whole file is valid.</summary>
        /// <param name="bytes">The file contents.</param>
        /// <param name="sourceName">The file name used in error messages.</param>
        /// <returns>The checkpoint.</returns>
        /// <exception cref="InvalidDataException">The data are truncated, corrupt, from another format or from an unsupported version.</exception>
        public static Checkpoint Deserialize(ReadOnlySpan<byte> bytes, string sourceName)
        {
            if (bytes.Length < MagicBytes.Length || !bytes.Slice(0, MagicBytes.Length).SequenceEqual(MagicBytes))
            {
                throw new InvalidDataException($"{sourceName}: not a SymGrad checkpoint (the file does not start with the magic bytes \"SYMGCKPT\").");
            }

            if (bytes.Length < HeaderSize + ChecksumSize)
            {
                throw new InvalidDataException($"{sourceName}: the checkpoint is truncated ({bytes.Length} bytes; the header and checksum alone need {HeaderSize + ChecksumSize}).");
            }

            uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(8));
            if (version < OldestReadableVersion || version > CurrentVersion)
            {
                throw new InvalidDataException($"{sourceName}: unsupported checkpoint format version {version}; this library reads versions {OldestReadableVersion} to {CurrentVersion}.");
            }

            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(12));
            if (flags != 0)
            {
                throw new InvalidDataException($"{sourceName}: unknown checkpoint flags 0x{flags:X8}; version {CurrentVersion} requires 0.");
            }

            // The declared length is compared with the bytes that are there, never added to the header size: a corrupt length
            // near long.MaxValue would overflow that sum and print a negative file size.
            long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(16));
            long available = bytes.Length - HeaderSize - ChecksumSize;
            if (payloadLength < 0)
            {
                throw new InvalidDataException($"{sourceName}: the header declares a negative payload length; the checkpoint is corrupt.");
            }

            if (payloadLength != available)
            {
                throw new InvalidDataException($"{sourceName}: the header declares a payload of {payloadLength} bytes, but the file has {available} bytes between the header and the checksum ({bytes.Length} bytes in all; truncated or corrupt).");
            }

            int bodyLength = HeaderSize + (int)payloadLength;
            Span<byte> actualHash = stackalloc byte[ChecksumSize];
            SHA256.HashData(bytes.Slice(0, bodyLength), actualHash);
            if (!actualHash.SequenceEqual(bytes.Slice(bodyLength, ChecksumSize)))
            {
                throw new InvalidDataException($"{sourceName}: checksum mismatch; the checkpoint is corrupt.");
            }

            var reader = new PayloadReader(bytes.Slice(HeaderSize, (int)payloadLength), sourceName);
            int epoch = reader.ReadInt32("epoch");
            if (epoch < 0)
            {
                throw reader.Error($"negative epoch {epoch}");
            }

            double[] parameters = reader.ReadDoubles("parameters");
            byte hasState = reader.ReadByte("optimizer-state marker");
            OptimizerState? state = null;
            if (hasState == 1)
            {
                string kind = reader.ReadString("optimizer kind");
                long steps = reader.ReadInt64("step count");
                double learningRate = reader.ReadDouble("learning rate");
                int bufferCount = reader.ReadInt32("buffer count");
                if (bufferCount < 0)
                {
                    throw reader.Error($"negative buffer count {bufferCount}");
                }

                var buffers = new List<KeyValuePair<string, double[]>>();
                for (int i = 0; i < bufferCount; i++)
                {
                    string name = reader.ReadString("buffer name");
                    buffers.Add(new KeyValuePair<string, double[]>(name, reader.ReadDoubles($"buffer '{name}'")));
                }

                var hyperparameters = new List<KeyValuePair<string, double>>();
                if (version >= 2)
                {
                    int settingCount = reader.ReadInt32("hyper-parameter count");
                    if (settingCount < 0)
                    {
                        throw reader.Error($"negative hyper-parameter count {settingCount}");
                    }

                    for (int i = 0; i < settingCount; i++)
                    {
                        string name = reader.ReadString("hyper-parameter name");
                        hyperparameters.Add(new KeyValuePair<string, double>(name, reader.ReadDouble($"hyper-parameter '{name}'")));
                    }
                }

                try
                {
                    state = new OptimizerState(kind, steps, learningRate, buffers, hyperparameters);
                }
                catch (ArgumentException ex)
                {
                    throw reader.Error("invalid optimizer state: " + ex.Message);
                }
            }
            else if (hasState != 0)
            {
                throw reader.Error($"invalid optimizer-state marker {hasState}");
            }

            reader.EnsureEnd();
            return new Checkpoint(parameters, state, epoch);
        }

        private static void WriteDoubles(BinaryWriter writer, ReadOnlySpan<double> values)
        {
            writer.Write(values.Length);
            foreach (double v in values)
            {
                writer.Write(v);
            }
        }

        private static void WriteString(BinaryWriter writer, string text)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            writer.Write(utf8.Length);
            writer.Write(utf8);
        }

        private ref struct PayloadReader
        {
            private readonly ReadOnlySpan<byte> data;
            private readonly string source;
            private int position;

            public PayloadReader(ReadOnlySpan<byte> data, string source)
            {
                this.data = data;
                this.source = source;
                position = 0;
            }

            public InvalidDataException Error(string problem) =>
                new InvalidDataException($"{source}: corrupt checkpoint payload at byte {HeaderSize + position}: {problem}.");

            public int ReadInt32(string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, what));

            public long ReadInt64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, what));

            public double ReadDouble(string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, what));

            public byte ReadByte(string what) => Take(1, what)[0];

            public string ReadString(string what)
            {
                int length = ReadInt32(what + " length");
                if (length < 0)
                {
                    throw Error($"negative {what} length {length}");
                }

                return Encoding.UTF8.GetString(Take(length, what));
            }

            public double[] ReadDoubles(string what)
            {
                int count = ReadInt32(what + " count");
                if (count < 0 || (long)count * 8 > data.Length - position)
                {
                    throw Error($"{what} count {count} does not fit in the remaining {data.Length - position} bytes");
                }

                var result = new double[count];
                for (int i = 0; i < count; i++)
                {
                    result[i] = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(position + (8 * i)));
                }

                position += 8 * count;
                return result;
            }

            public void EnsureEnd()
            {
                if (position != data.Length)
                {
                    throw Error($"{data.Length - position} unexpected bytes after the last field");
                }
            }

            private ReadOnlySpan<byte> Take(int count, string what)
            {
                if (count > data.Length - position)
                {
                    throw Error($"{what} needs {count} bytes but only {data.Length - position} remain");
                }

                ReadOnlySpan<byte> slice = data.Slice(position, count);
                position += count;
                return slice;
            }
        }
    }
}
