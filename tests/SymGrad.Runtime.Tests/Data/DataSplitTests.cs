using System;
using System.Linq;
using SymGrad.Data;
using Xunit;

namespace SymGrad.Runtime.Tests.Data
{
    public class DataSplitTests
    {
        [Fact]
        public void StratifiedSplitKeepsClassProportions()
        {
            DataSet data = TestData.BreastCancer;
            (DataSet train, DataSet test) = DataSplit.Stratified(data, 0.25, seed: 3);
            // round(212 * 0.25) = 53 malignant and round(357 * 0.25) = 89 benign go to the test set.
            Assert.Equal(new[] { 53, 89 }, test.ClassCounts());
            Assert.Equal(new[] { 159, 268 }, train.ClassCounts());
            Assert.Equal(data.RowCount, train.RowCount + test.RowCount);
        }

        [Fact]
        public void SplitIsAPartitionAndDependsOnTheSeed()
        {
            DataSet data = IndexedData(40, 4);
            (DataSet train, DataSet test) = DataSplit.Stratified(data, 0.3, seed: 1);
            var all = train.Features.ToArray().Concat(test.Features.ToArray()).OrderBy(v => v).ToArray();
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (double)i).ToArray(), all);

            (DataSet _, DataSet same) = DataSplit.Stratified(data, 0.3, seed: 1);
            (DataSet _, DataSet other) = DataSplit.Stratified(data, 0.3, seed: 2);
            Assert.Equal(test.Features.ToArray(), same.Features.ToArray());
            Assert.NotEqual(test.Features.ToArray(), other.Features.ToArray());
            Assert.Equal(new[] { 3, 3, 3, 3 }, test.ClassCounts());
        }

        [Fact]
        public void RandomSplitWorksForRegression()
        {
            var data = new DataSet(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), new double[10], 1);
            (DataSet train, DataSet test) = DataSplit.Random(data, 0.2, 5);
            Assert.Equal((8, 2), (train.RowCount, test.RowCount));
        }

        [Fact]
        public void BadArgumentsAreRejected()
        {
            DataSet data = IndexedData(10, 2);
            Assert.Throws<ArgumentOutOfRangeException>("testFraction", () => DataSplit.Stratified(data, 1.0, 0));
            Assert.Throws<ArgumentOutOfRangeException>("testFraction", () => DataSplit.Stratified(data, double.NaN, 0));
            var regression = new DataSet(new double[4], new double[4], 1);
            Assert.Throws<ArgumentException>("data", () => DataSplit.Stratified(regression, 0.5, 0));
        }

        /// <summary>Row i has the single feature i and label i mod classes.</summary>
        private static DataSet IndexedData(int rows, int classes) =>
            new DataSet(Enumerable.Range(0, rows).Select(i => (double)i).ToArray(), Enumerable.Range(0, rows).Select(i => (double)(i % classes)).ToArray(), 1, classes);
    }
}
