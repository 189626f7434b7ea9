using System;
using System.Linq;
using SymGrad.Data;
using Xunit;

namespace SymGrad.Runtime.Tests.Data
{
    /// <summary>Data that cannot give a meaningful result are refused with a message that says why, instead of a silent "100 %".</summary>
    public class UnsuitableDataTests
    {
        [Fact]
        public void ASingleClassIsRefused()
        {
            var data = Labelled(new[] { 0, 0, 0, 0 }, classCount: 1);
            var ex = Assert.Throws<UnsuitableDataException>(() => DataSplit.Stratified(data, 0.25, 1));
            Assert.Equal("All 4 rows belong to one class (0); a classifier needs rows of at least two classes.", ex.Message);
            Assert.Equal("data", ex.ParamName);
        }

        [Fact]
        public void AClassWithoutRowsIsRefusedByName()
        {
            var data = new DataSet(new double[6], new double[] { 0, 0, 2, 2, 0, 2 }, 1, 3, new[] { "a", "b", "c" });
            var ex = Assert.Throws<UnsuitableDataException>(() => DataSplit.Stratified(data, 0.25, 1));
            Assert.StartsWith("Class 1 ('b') has no rows;", ex.Message);
        }

        [Fact]
        public void AClassWithOneRowWouldBeMissingFromOneSide()
        {
            var data = Labelled(new[] { 0, 0, 0, 1 }, classCount: 2);
            var ex = Assert.Throws<UnsuitableDataException>(() => DataSplit.Stratified(data, 0.25, 1));
            Assert.StartsWith("Class 1 has only one row;", ex.Message);
        }

        [Theory]
        [InlineData(0.01)]
        [InlineData(0.99)]
        public void EveryClassReachesBothSidesWhateverTheFraction(double fraction)
        {
            var data = Labelled(new[] { 0, 1, 0, 1, 2, 2 }, classCount: 3);
            (DataSet train, DataSet test) = DataSplit.Stratified(data, fraction, 4);
            Assert.Equal(new[] { 1, 1, 1 }, train.ClassCounts());
            Assert.Equal(new[] { 1, 1, 1 }, test.ClassCounts());
        }

        [Fact]
        public void ARandomSplitOfOneRowIsRefused()
        {
            var ex = Assert.Throws<UnsuitableDataException>(() => DataSplit.Random(new DataSet(new double[1], new double[1], 1), 0.5, 0));
            Assert.Contains("neither part is empty", ex.Message);
        }

        [Fact]
        public void FeaturesNear1e308GetFiniteStatisticsAndSeparateTheClasses()
        {
            double[] x = { 1.5e308, -1.5e308, 1.7e308, -1.6e308, 1.6e308, -1.7e308 };
            var data = new DataSet(x, new double[] { 1, 0, 1, 0, 1, 0 }, 1, 2);
            Standardizer scaler = Standardizer.Fit(data);
            Assert.True(double.IsFinite(scaler.Means[0]));
            Assert.Equal(1.6e308, scaler.Scales[0], 1e306);
            double[] z = scaler.Transform(data).Features.ToArray();
            Assert.All(z, v => Assert.True(double.IsFinite(v) && Math.Abs(v) < 2, $"z = {v}"));
            Assert.All(z.Where((_, i) => i % 2 == 0), v => Assert.True(v > 0.8));
            Assert.All(z.Where((_, i) => i % 2 == 1), v => Assert.True(v < -0.8));
        }

        [Fact]
        public void OrdinaryDataGetExactlyThePlainStatistics()
        {
            var random = new Random(5);
            double[] x = Enumerable.Range(0, 300).Select(_ => (random.NextDouble() - 0.3) * 1234.5).ToArray();
            Standardizer scaler = Standardizer.Fit(new DataSet(x, new double[100], 3));
            for (int j = 0; j < 3; j++)
            {
                double[] column = x.Where((_, i) => i % 3 == j).ToArray();
                double mean = column.Sum() / column.Length;
                double sd = Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Sum() / column.Length);
                Assert.Equal(mean, scaler.Means[j]);
                Assert.Equal(sd, scaler.Scales[j], 1e-12);
            }
        }

        [Fact]
        public void AStandardisedValueThatOverflowsIsRefused()
        {
            Standardizer scaler = Standardizer.Fit(new DataSet(new[] { 0.0, 1e-300, 2e-300 }, new double[3], 1));
            var ex = Assert.Throws<UnsuitableDataException>(() => scaler.Transform(new DataSet(new[] { 1e300 }, new double[1], 1)));
            Assert.Contains("Row 0, feature 1", ex.Message);
            Assert.Contains("rescale this feature", ex.Message);
        }

        [Fact]
        public void NonFiniteFeaturesAreRefused()
        {
            var ex = Assert.Throws<UnsuitableDataException>(() => Standardizer.Fit(new DataSet(new[] { 1.0, double.NaN }, new double[2], 1)));
            Assert.Equal("Row 1, feature 1 is NaN; standardisation needs finite values.", ex.Message);
        }

        private static DataSet Labelled(int[] labels, int classCount) =>
            new DataSet(labels.Select((_, i) => (double)i).ToArray(), labels.Select(l => (double)l).ToArray(), 1, classCount);
    }
}
