using System;
using System.Globalization;
using System.IO;

namespace SymGrad.Models.AdBench
{
    /// <summary>Reads ADBench's whitespace-separated text files one number at a time.</summary>
    public sealed class NumberReader
    {
        private static readonly char[] Separators = { ' ', '\t', '\r', '\n' };

        private readonly string[] tokens;
        private readonly string path;
        private int next;

        public NumberReader(string path)
        {
            this.path = path;
            tokens = File.ReadAllText(path).Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        }

        public int Int() => int.Parse(Token(), NumberStyles.Integer, CultureInfo.InvariantCulture);

        public double Double() => double.Parse(Token(), NumberStyles.Float, CultureInfo.InvariantCulture);

        public double[] Doubles(int count)
        {
            double[] values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = Double();
            }

            return values;
        }

        /// <summary>Every number left in the file.</summary>
        public double[] Rest() => Doubles(tokens.Length - next);

        private string Token() =>
            next < tokens.Length ? tokens[next++] : throw new InvalidDataException($"{path}: ends after {tokens.Length} numbers");
    }
}
