using System;
using SymGrad.Data;
using Xunit;

namespace SymGrad.Runtime.Tests.Data
{
    public class PreprocessingTests
    {
        [Fact]
        public void StandardizerUsesTrainingStatisticsOnly()
        {
            // Training column 0: 1, 3 (mean 2, population sd 1); column 1 constant 5 (scale 1).
            var train = new DataSet(new[] { 1.0, 5.0, 3.0, 5.0 }, new[] { 0.0, 1.0 }, 2, 2);
            var test = new DataSet(new[] { 10.0, 7.0 }, new[] { 1.0 }, 2, 2);
            Standardizer scaler = Standardizer.Fit(train);
            Assert.Equal(new[] { 2.0, 5.0 }, scaler.Means.ToArray());
            Assert.Equal(new[] { 1.0, 1.0 }, scaler.Scales.ToArray());
            Assert.Equal(new[] { -1.0, 0.0, 1.0, 0.0 }, scaler.Transform(train).Features.ToArray());
            Assert.Equal(new[] { 8.0, 2.0 }, scaler.Transform(test).Features.ToArray());
            Assert.Equal(new[] { 10.0, 7.0 }, test.Features.ToArray());
            Assert.Throws<ArgumentException>("data", () => scaler.Transform(new DataSet(new double[3], new double[1], 3)));
        }

        [Fact]
        public void OneHotEncodesLabels()
        {
            Assert.Equal(new[] { 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0 }, OneHotEncoder.Encode(new[] { 1.0, 0.0, 2.0 }, 3));
            Assert.Throws<ArgumentException>("labels", () => OneHotEncoder.Encode(new[] { 3.0 }, 3));
            Assert.Throws<ArgumentException>("labels", () => OneHotEncoder.Encode(new[] { 0.5 }, 3));
            Assert.Throws<ArgumentOutOfRangeException>("classCount", () => OneHotEncoder.Encode(new[] { 0.0 }, 0));
        }

        [Fact]
        public void DataSetRejectsInconsistentShapes()
        {
            Assert.Throws<ArgumentException>("features", () => new DataSet(new double[5], new double[2], 2));
            Assert.Throws<ArgumentException>("targets", () => new DataSet(new double[4], new[] { 0.0, 2.0 }, 2, 2));
            Assert.Throws<InvalidOperationException>(() => new DataSet(new double[2], new double[1], 2).Labels.ToArray());
        }
    }
}
