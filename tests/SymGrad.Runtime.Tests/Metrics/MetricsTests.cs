using System;
using SymGrad.Metrics;
using Xunit;

namespace SymGrad.Runtime.Tests.Metrics
{
    public class MetricsTests
    {
        private static readonly int[] Actual = { 0, 1, 2, 2, 1, 0 };
        private static readonly int[] Predicted = { 0, 2, 2, 2, 1, 1 };

        [Fact]
        public void AccuracyAndZeroOneLossCountMistakes()
        {
            Assert.Equal(2, ClassificationMetrics.ZeroOneLoss(Actual, Predicted));
            Assert.Equal(4.0 / 6.0, ClassificationMetrics.Accuracy(Actual, Predicted), 15);
        }

        [Fact]
        public void ZeroOneLossIsPiecewiseConstant()
        {
            // Classify x by sign(w * x): moving w a little does not change the count, so its derivative is zero.
            double[] x = { -2, -1, 0.5, 3 };
            int[] labels = { 0, 1, 1, 1 };
            int Loss(double w)
            {
                var predicted = new int[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    predicted[i] = w * x[i] > 0 ? 1 : 0;
                }

                return ClassificationMetrics.ZeroOneLoss(labels, predicted);
            }

            Assert.Equal(1, Loss(1.0));
            Assert.Equal(Loss(1.0), Loss(1.0 + 1e-6));
            Assert.Equal(Loss(1.0), Loss(1.0 - 1e-6));
            Assert.Equal(3, Loss(-1.0));
        }

        [Fact]
        public void ConfusionMatrixHasActualRowsAndPredictedColumns()
        {
            ConfusionMatrix matrix = ClassificationMetrics.ConfusionMatrix(Actual, Predicted, 3);
            Assert.Equal(1, matrix[0, 0]);
            Assert.Equal(1, matrix[0, 1]);
            Assert.Equal(1, matrix[1, 1]);
            Assert.Equal(1, matrix[1, 2]);
            Assert.Equal(2, matrix[2, 2]);
            Assert.Equal(0, matrix[2, 0]);
            Assert.Equal(4, matrix.Correct);
            Assert.Equal(6, matrix.Total);
            Assert.Contains("actual", matrix.ToString());
        }

        [Fact]
        public void LogLossMatchesTheDefinition()
        {
            // -(ln 0.8 + ln(1 - 0.3)) / 2
            Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, ClassificationMetrics.BinaryLogLoss(new[] { 1, 0 }, new[] { 0.8, 0.3 }), 15);
            // rows (0.7, 0.2, 0.1) label 0 and (0.1, 0.1, 0.8) label 2: -(ln 0.7 + ln 0.8) / 2
            Assert.Equal(-(Math.Log(0.7) + Math.Log(0.8)) / 2, ClassificationMetrics.LogLoss(new[] { 0, 2 }, new[] { 0.7, 0.2, 0.1, 0.1, 0.1, 0.8 }, 3), 15);
            Assert.Equal(-Math.Log(1e-15), ClassificationMetrics.BinaryLogLoss(new[] { 1 }, new[] { 0.0 }), 10);
        }

        [Fact]
        public void MeanSquaredError()
        {
            Assert.Equal((1.0 + 4.0 + 0.0) / 3.0, RegressionMetrics.MeanSquaredError(new[] { 1.0, 2.0, 3.0 }, new[] { 2.0, 0.0, 3.0 }), 15);
        }

        [Fact]
        public void BadInputsAreRejected()
        {
            Assert.Throws<ArgumentException>("predicted", () => ClassificationMetrics.Accuracy(new[] { 1 }, new[] { 1, 0 }));
            Assert.Throws<ArgumentException>("actual", () => ClassificationMetrics.Accuracy(Array.Empty<int>(), Array.Empty<int>()));
            Assert.Throws<ArgumentOutOfRangeException>("predicted", () => ClassificationMetrics.ConfusionMatrix(new[] { 0 }, new[] { 3 }, 3));
            Assert.Throws<ArgumentOutOfRangeException>("probabilities", () => ClassificationMetrics.BinaryLogLoss(new[] { 1 }, new[] { 1.5 }));
            Assert.Throws<ArgumentException>("probabilities", () => ClassificationMetrics.BinaryLogLoss(new[] { 1, 0 }, new[] { 0.5 }));
            Assert.Throws<ArgumentException>("probabilities", () => ClassificationMetrics.LogLoss(new[] { 0 }, new[] { 1.0 }, 3));
        }
    }
}
