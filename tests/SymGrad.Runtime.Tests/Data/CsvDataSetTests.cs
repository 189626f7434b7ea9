using System;
using System.IO;
using SymGrad.Data;
using Xunit;

namespace SymGrad.Runtime.Tests.Data
{
    public class CsvDataSetTests
    {
        [Fact]
        public void LoadsTheScikitLearnFiles()
        {
            DataSet iris = TestData.Iris;
            Assert.Equal((150, 4, 3), (iris.RowCount, iris.FeatureCount, iris.ClassCount));
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, iris.ClassNames);
            Assert.Equal(new[] { 5.1, 3.5, 1.4, 0.2 }, iris.Row(0).ToArray());
            Assert.Equal(new[] { 50, 50, 50 }, iris.ClassCounts());

            Assert.Equal(new[] { 212, 357 }, TestData.BreastCancer.ClassCounts());
            Assert.Equal(30, TestData.BreastCancer.FeatureCount);
            Assert.Equal(new[] { 59, 71, 48 }, TestData.Wine.ClassCounts());
            Assert.Equal(13, TestData.Wine.FeatureCount);
        }

        [Fact]
        public void LoadsHeaderlessDigitsAndSpaceSeparatedDiabetes()
        {
            DataSet digits = CsvDataSet.LoadHeaderless(TestData.PathOf("digits.csv"));
            Assert.Equal((1797, 64, 10), (digits.RowCount, digits.FeatureCount, digits.ClassCount));
            Assert.Equal(0, digits.Labels[0]);

            DataSet diabetes = CsvDataSet.LoadHeaderless(TestData.PathOf("diabetes_data_raw.csv"), separator: ' ', classification: false);
            Assert.Equal((442, 9, 0), (diabetes.RowCount, diabetes.FeatureCount, diabetes.ClassCount));
        }

        [Fact]
        public void ParsesCsvWithAHeaderRowAndNamedTarget()
        {
            string text = "price,size,rooms\n100.5,50,2\n\n200,80.25,3\n";
            DataSet data = CsvDataSet.ParseWithHeader(new StringReader(text), "houses.csv", targetColumn: "price");
            Assert.Equal(new[] { "size", "rooms" }, data.FeatureNames);
            Assert.Equal(new[] { 100.5, 200 }, data.Targets.ToArray());
            Assert.Equal(new[] { 50, 2, 80.25, 3 }, data.Features.ToArray());
            Assert.Equal(0, data.ClassCount);
        }

        [Fact]
        public void BadNumberNamesFileLineAndField()
        {
            string text = "a,b,y\n1,2,0\n3,x4,1\n";
            var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseWithHeader(new StringReader(text), "bad.csv", classification: true));
            Assert.Equal("bad.csv, line 3, field 2: 'x4' is not a finite number.", ex.Message);
        }

        [Fact]
        public void WrongFieldCountNamesTheLine()
        {
            string text = "3,2,a,b\n1,2,0\n1,2\n1,2,1\n";
            var ex = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseScikitLearn(new StringReader(text), "short.csv"));
            Assert.Equal("short.csv, line 3: expected 3 fields but found 2.", ex.Message);
        }

        [Fact]
        public void BadLabelsAndHeadersAreReported()
        {
            var fractional = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseHeaderless(new StringReader("1,2,0\n1,2,0.5\n"), "frac.csv"));
            Assert.Contains("frac.csv, line 2, field 3", fractional.Message);

            var outOfRange = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseScikitLearn(new StringReader("1,2,a,b\n1,2,2\n"), "range.csv"));
            Assert.Contains("range.csv, line 2", outOfRange.Message);

            var header = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseScikitLearn(new StringReader("sepal,petal,label\n1,2,0\n"), "hdr.csv"));
            Assert.Contains("hdr.csv, line 1", header.Message);

            var count = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseScikitLearn(new StringReader("3,2,a,b\n1,2,0\n1,2,1\n"), "count.csv"));
            Assert.Contains("announces 3 samples but the file has 2", count.Message);

            var nan = Assert.Throws<InvalidDataException>(() => CsvDataSet.ParseHeaderless(new StringReader("1,NaN,0\n"), "nan.csv"));
            Assert.Contains("nan.csv, line 1, field 2", nan.Message);

            Assert.Throws<FileNotFoundException>(() => CsvDataSet.LoadScikitLearn(TestData.PathOf("no-such-file.csv")));
        }
    }
}
