using System;
using System.IO;
using System.IO.Compression;
using SymGrad.Data;
using Xunit;

namespace SymGrad.Runtime.Tests.Data
{
    /// <summary><see cref="CsvDataSet.LoadClassification"/> picks the layout from the first line and reports the real problem.</summary>
    public class CsvLayoutTests
    {
        [Fact]
        public void PicksEachLayoutFromTheFirstLine()
        {
            DataSet scikit = CsvDataSet.ParseClassification(new StringReader("2,2,no,yes\n1,2,0\n3,4,1\n"), "s.csv");
            Assert.Equal(new[] { "no", "yes" }, scikit.ClassNames);
            DataSet headerless = CsvDataSet.ParseClassification(new StringReader("1,2,0\n3,4,2\n"), "h.csv");
            Assert.Equal((2, 2, 3), (headerless.RowCount, headerless.FeatureCount, headerless.ClassCount));
            DataSet named = CsvDataSet.ParseClassification(new StringReader("x1,x2,label\n1,2,0\n3,4,1\n"), "n.csv");
            Assert.Equal(new[] { "x1", "x2" }, named.FeatureNames);
            Assert.Equal(new[] { 0, 1 }, named.Labels.ToArray());
            DataSet blanks = CsvDataSet.ParseClassification(new StringReader("1 2\t0\n3  4 1\n"), "b.csv");
            Assert.Equal(new[] { 1.0, 2, 3, 4 }, blanks.Features.ToArray());
            Assert.Equal(new[] { 0, 1 }, blanks.Labels.ToArray());
        }

        [Fact]
        public void ARaggedRowAfterAScikitLearnHeaderNamesItsLineAndFieldCount()
        {
            var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseClassification(new StringReader("3,4,a,b,c\n1,2,3,4,0\n1,2,3,0\n5,6,7,8,2\n"), "ragged.csv"));
            Assert.Equal("ragged.csv, line 3: expected 5 fields but found 4.", ex.Message);
        }

        [Fact]
        public void ARaggedRowAfterColumnNamesNamesItsLineAndFieldCount()
        {
            var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseClassification(new StringReader("a,b,label\n1,2,0\n\n1,2,3,0\n"), "ragged.csv"));
            Assert.Equal("ragged.csv, line 4: expected 3 fields but found 4.", ex.Message);
        }

        [Fact]
        public void AGzipFileIsReportedAsSuchWithoutItsBytes()
        {
            string path = Path.Combine(Path.GetTempPath(), $"symgrad-{Guid.NewGuid():N}.csv.gz");
            try
            {
                using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
                {
                    gzip.Write("1,2,0\n3,4,1\n"u8);
                }

                var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.LoadClassification(path));
                Assert.Equal($"{path}: the file is gzip-compressed; decompress it first (for example with gunzip); it is not CSV text.", ex.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void ABinaryFileIsReportedByPositionNotContent()
        {
            string path = Path.Combine(Path.GetTempPath(), $"symgrad-{Guid.NewGuid():N}.bin");
            try
            {
                File.WriteAllBytes(path, new byte[] { (byte)'1', (byte)',', 0x00, 0x07, (byte)'Z', 0xFF, 0x10, (byte)'\n' });
                var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.LoadClassification(path));
                Assert.Equal($"{path}, line 1, column 3: found the control character U+0000; this is a binary file, not CSV text.", ex.Message);

                File.WriteAllBytes(path, new byte[] { (byte)'a', (byte)',', (byte)'b', (byte)'\n', (byte)'1', 0xC3, 0x28, (byte)',', (byte)'0', (byte)'\n' });
                ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.LoadClassification(path));
                Assert.Equal($"{path}, line 2, column 2: found bytes that are not UTF-8 text; this is a binary file, not CSV text.", ex.Message);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void AnEmptyFileIsReported()
        {
            var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseClassification(new StringReader("\n\n"), "empty.csv"));
            Assert.Equal("empty.csv: the file is empty.", ex.Message);
        }
    }
}
