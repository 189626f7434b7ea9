using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace SymGrad.Data
{
    /// <summary>
    /// Loads delimited text data sets: scikit-learn's bundled CSV files (a <c>n_samples,n_features,class names...</c> line, then rows
    /// with the label last), headerless files (label last, like <c>digits.csv</c>) and plain CSV with a row of column names.
    /// Bad rows raise <see cref="InvalidDataException"/> naming the file, line and field; binary and compressed files are refused as such.
    /// Blank lines are skipped. No quoting is supported. <see cref="LoadClassification(string)"/> picks the layout from the first line.
    /// </summary>
    public static class CsvDataSet
    {
        /// <summary>Loads a scikit-learn style file such as <c>iris.csv</c>, <c>breast_cancer.csv</c> or <c>wine_data.csv</c>.</summary>
        /// <param name="path">The file path.</param>
        /// <returns>A classification data set with the class names from the first line.</returns>
        /// <exception cref="InvalidDataException">The header or a row is malformed, or the row count differs from the header.</exception>
        public static DataSet LoadScikitLearn(string path)
        {
            using StreamReader reader = OpenText(path);
            return ParseScikitLearn(reader, path);
        }

        /// <summary>Parses scikit-learn style text; see <see cref="LoadScikitLearn(string)"/>.</summary>
        /// <param name="reader">The text.</param>
        /// <param name="sourceName">The name used in error messages (usually the file path).</param>
        /// <returns>The data set.</returns>
        public static DataSet ParseScikitLearn(TextReader reader, string sourceName)
        {
            ArgumentNullException.ThrowIfNull(reader);
            int lineNumber = 0;
            string? header = NextNonBlank(reader, ref lineNumber);
            if (header is null)
            {
                throw new InvalidDataException($"{sourceName}: the file is empty; expected a header line 'n_samples,n_features,class names...'.");
            }

            RejectBinaryLine(header, sourceName, lineNumber);

            string[] head = header.Split(',');
            if (head.Length < 3
                || !int.TryParse(head[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
                || !int.TryParse(head[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int featureCount)
                || featureCount <= 0)
            {
                throw new InvalidDataException($"{sourceName}, line {lineNumber}: expected a header 'n_samples,n_features,<class name>,...' but found '{Shorten(header)}'.");
            }

            var classNames = new string[head.Length - 2];
            for (int i = 0; i < classNames.Length; i++)
            {
                classNames[i] = head[i + 2].Trim();
            }

            DataSet data = ParseRows(reader, sourceName, lineNumber, ',', featureCount, classNames.Length, classNames, null);
            if (data.RowCount != samples)
            {
                throw new InvalidDataException($"{sourceName}: the header announces {samples} samples but the file has {data.RowCount} data rows.");
            }

            return data;
        }

        /// <summary>
        /// Loads a classification file in any of the three layouts, chosen from its first non-blank line: scikit-learn's
        /// (<c>n_samples,n_features,class names...</c>), header-less rows of numbers with the label last (separated by commas,
        /// or by blanks when the line has no comma), or a row of column names with the label in the last column. Errors then name the real problem in the detected layout (for example a
        /// ragged row's line and field count) instead of a guess at another layout.
        /// </summary>
        /// <param name="path">The file path.</param>
        /// <returns>The data set; the class count comes from the scikit-learn header or is the largest label + 1.</returns>
        /// <exception cref="InvalidDataException">The file is binary or compressed, empty, or a row is malformed.</exception>
        public static DataSet LoadClassification(string path)
        {
            using StreamReader reader = OpenText(path);
            return ParseClassification(reader, path);
        }

        /// <summary>Parses classification text in any of the three layouts; see <see cref="LoadClassification(string)"/>.</summary>
        /// <param name="reader">The text.</param>
        /// <param name="sourceName">The name used in error messages.</param>
        /// <returns>The data set.</returns>
        public static DataSet ParseClassification(TextReader reader, string sourceName)
        {
            ArgumentNullException.ThrowIfNull(reader);
            string text = reader.ReadToEnd();
            int lineNumber = 0;
            string? first = NextNonBlank(new StringReader(text), ref lineNumber);
            if (first is null)
            {
                throw new InvalidDataException($"{sourceName}: the file is empty.");
            }

            RejectBinaryLine(first, sourceName, lineNumber);
            string[] fields = SplitLine(first, ',');
            if (AllNumbers(fields))
            {
                return ParseHeaderless(new StringReader(text), sourceName);
            }

            // A single comma-less field of numbers separated by blanks: a whitespace-separated file such as diabetes_data_raw.csv.
            if (fields.Length == 1 && SplitLine(first, ' ') is { Length: >= 2 } blankSeparated && AllNumbers(blankSeparated))
            {
                return ParseHeaderless(new StringReader(text), sourceName, separator: ' ');
            }

            bool scikitLearnHeader = fields.Length >= 3
                && int.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && int.TryParse(fields[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _);
            return scikitLearnHeader
                ? ParseScikitLearn(new StringReader(text), sourceName)
                : ParseWithHeader(new StringReader(text), sourceName, classification: true);
        }

        /// <summary>Loads a file without a header whose last column is the target, like <c>digits.csv</c>.</summary>
        /// <param name="path">The file path.</param>
        /// <param name="separator">The field separator; a space means any run of spaces or tabs.</param>
        /// <param name="classification">Treat the last column as integer class labels (the class count is the largest label + 1).</param>
        /// <returns>The data set.</returns>
        public static DataSet LoadHeaderless(string path, char separator = ',', bool classification = true)
        {
            using StreamReader reader = OpenText(path);
            return ParseHeaderless(reader, path, separator, classification);
        }

        /// <summary>Parses headerless text; see <see cref="LoadHeaderless(string, char, bool)"/>.</summary>
        /// <param name="reader">The text.</param>
        /// <param name="sourceName">The name used in error messages.</param>
        /// <param name="separator">The field separator; a space means any run of spaces or tabs.</param>
        /// <param name="classification">Treat the last column as integer class labels.</param>
        /// <returns>The data set.</returns>
        public static DataSet ParseHeaderless(TextReader reader, string sourceName, char separator = ',', bool classification = true)
        {
            ArgumentNullException.ThrowIfNull(reader);
            return ParseRows(reader, sourceName, 0, separator, -1, classification ? -1 : 0, null, null);
        }

        /// <summary>Loads a plain CSV file whose first line holds column names.</summary>
        /// <param name="path">The file path.</param>
        /// <param name="targetColumn">The target column's name; null means the last column.</param>
        /// <param name="classification">Treat the target as integer class labels (the class count is the largest label + 1).</param>
        /// <param name="separator">The field separator.</param>
        /// <returns>The data set with feature names from the header.</returns>
        public static DataSet LoadWithHeader(string path, string? targetColumn = null, bool classification = false, char separator = ',')
        {
            using StreamReader reader = OpenText(path);
            return ParseWithHeader(reader, path, targetColumn, classification, separator);
        }

        /// <summary>Parses CSV text with a header row; see <see cref="LoadWithHeader(string, string?, bool, char)"/>.</summary>
        /// <param name="reader">The text.</param>
        /// <param name="sourceName">The name used in error messages.</param>
        /// <param name="targetColumn">The target column's name; null means the last column.</param>
        /// <param name="classification">Treat the target as integer class labels.</param>
        /// <param name="separator">The field separator.</param>
        /// <returns>The data set.</returns>
        public static DataSet ParseWithHeader(TextReader reader, string sourceName, string? targetColumn = null, bool classification = false, char separator = ',')
        {
            ArgumentNullException.ThrowIfNull(reader);
            int lineNumber = 0;
            string? header = NextNonBlank(reader, ref lineNumber);
            if (header is null)
            {
                throw new InvalidDataException($"{sourceName}: the file is empty; expected a header row of column names.");
            }

            RejectBinaryLine(header, sourceName, lineNumber);

            string[] names = SplitLine(header, separator);
            if (names.Length < 2)
            {
                throw new InvalidDataException($"{sourceName}, line {lineNumber}: the header has {names.Length} column; at least one feature and a target are needed.");
            }

            int target = names.Length - 1;
            if (targetColumn is not null)
            {
                target = Array.FindIndex(names, n => string.Equals(n.Trim(), targetColumn, StringComparison.Ordinal));
                if (target < 0)
                {
                    throw new InvalidDataException($"{sourceName}, line {lineNumber}: there is no column named '{targetColumn}' (columns: {string.Join(", ", names)}).");
                }
            }

            var featureNames = new List<string>();
            for (int i = 0; i < names.Length; i++)
            {
                if (i != target)
                {
                    featureNames.Add(names[i].Trim());
                }
            }

            return ParseRows(reader, sourceName, lineNumber, separator, featureNames.Count, classification ? -1 : 0, null, featureNames, target);
        }

        private static DataSet ParseRows(
            TextReader reader,
            string sourceName,
            int lineNumber,
            char separator,
            int featureCount,
            int classCount,
            IReadOnlyList<string>? classNames,
            IReadOnlyList<string>? featureNames,
            int targetIndex = -1)
        {
            var features = new List<double>();
            var targets = new List<double>();
            int expectedFields = featureCount > 0 ? featureCount + 1 : -1;
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                RejectBinaryLine(line, sourceName, lineNumber);
                string[] fields = SplitLine(line, separator);
                if (expectedFields < 0)
                {
                    if (fields.Length < 2)
                    {
                        throw new InvalidDataException($"{sourceName}, line {lineNumber}: found {fields.Length} field; at least one feature and a target are needed.");
                    }

                    expectedFields = fields.Length;
                }

                if (fields.Length != expectedFields)
                {
                    throw new InvalidDataException($"{sourceName}, line {lineNumber}: expected {expectedFields} fields but found {fields.Length}.");
                }

                int target = targetIndex >= 0 ? targetIndex : fields.Length - 1;
                for (int f = 0; f < fields.Length; f++)
                {
                    string text = fields[f].Trim();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    {
                        throw new InvalidDataException($"{sourceName}, line {lineNumber}, field {f + 1}: '{Shorten(text)}' is not a finite number.");
                    }

                    if (f == target)
                    {
                        if (classCount != 0 && (value != Math.Floor(value) || value < 0 || value > int.MaxValue - 1))
                        {
                            throw new InvalidDataException($"{sourceName}, line {lineNumber}, field {f + 1}: the label '{Shorten(text)}' is not a non-negative integer.");
                        }

                        if (classCount > 0 && value >= classCount)
                        {
                            throw new InvalidDataException($"{sourceName}, line {lineNumber}, field {f + 1}: the label {value} is not below the class count {classCount}.");
                        }

                        targets.Add(value);
                    }
                    else
                    {
                        features.Add(value);
                    }
                }
            }

            if (targets.Count == 0)
            {
                throw new InvalidDataException($"{sourceName}: the file has no data rows.");
            }

            int resolvedClasses = classCount;
            if (classCount < 0)
            {
                double max = 0;
                foreach (double t in targets)
                {
                    max = Math.Max(max, t);
                }

                resolvedClasses = (int)max + 1;
            }

            return new DataSet(features.ToArray(), targets.ToArray(), expectedFields - 1, resolvedClasses, classNames, featureNames);
        }

        private static bool AllNumbers(string[] fields) =>
            Array.TrueForAll(fields, f => double.TryParse(f.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _));

        private static string[] SplitLine(string line, char separator)
        {
            return separator == ' '
                ? line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                : line.TrimEnd('\r').Split(separator);
        }

        private static string? NextNonBlank(TextReader reader, ref int lineNumber)
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    return line;
                }
            }

            return null;
        }

        /// <summary>
        /// Refuses a line with control characters or undecodable bytes: the file is binary, so its bytes would only garble
        /// an error message about the first "field". The message gives the position, never the bytes.
        /// </summary>
        private static void RejectBinaryLine(string line, string sourceName, int lineNumber)
        {
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if ((char.IsControl(c) && c != '\t' && c != '\r') || c == '\uFFFD')
                {
                    string what = c == '\uFFFD' ? "bytes that are not UTF-8 text" : $"the control character U+{(int)c:X4}";
                    throw new InvalidDataException($"{sourceName}, line {lineNumber}, column {i + 1}: found {what}; this is a binary file, not CSV text.");
                }
            }
        }

        private static StreamReader OpenText(string path)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
            }

            RejectArchive(path);
            return new StreamReader(path);
        }

        /// <summary>Recognises compressed files by their magic bytes, so the message can say how to get the CSV out of them.</summary>
        private static void RejectArchive(string path)
        {
            Span<byte> head = stackalloc byte[4];
            int read;
            using (FileStream stream = File.OpenRead(path))
            {
                read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            string? kind = read switch
            {
                >= 2 when head[0] == 0x1F && head[1] == 0x8B => "gzip-compressed; decompress it first (for example with gunzip)",
                >= 4 when head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4 => "a zip archive; extract the CSV file from it first",
                >= 3 when head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h' => "bzip2-compressed; decompress it first (for example with bunzip2)",
                >= 4 when head[0] == 0xFD && head[1] == (byte)'7' && head[2] == (byte)'z' && head[3] == (byte)'X' => "xz-compressed; decompress it first (for example with unxz)",
                _ => null,
            };
            if (kind is not null)
            {
                throw new InvalidDataException($"{path}: the file is {kind}; it is not CSV text.");
            }
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
