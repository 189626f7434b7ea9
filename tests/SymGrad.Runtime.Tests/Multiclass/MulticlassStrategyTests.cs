using System;
using SymGrad.Data;
using SymGrad.Metrics;
using SymGrad.Multiclass;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Runtime.Tests.Multiclass
{
    public class MulticlassStrategyTests
    {
        private static readonly TrainerOptions Options = new TrainerOptions { Epochs = 60, BatchSize = 16, Seed = 7 };
        private readonly ITestOutputHelper output;

        public MulticlassStrategyTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static TheoryData<string> DataSets => new TheoryData<string> { "iris", "wine" };

        private static DataSet Load(string name) => name == "iris" ? TestData.Iris : TestData.Wine;

        private void Report(string dataSet, string strategy, IMulticlassClassifier model, DataSet test)
        {
            int[] predicted = model.PredictAll(test);
            double accuracy = ClassificationMetrics.Accuracy(test.Labels, predicted);
            output.WriteLine($"{dataSet} {strategy}: test accuracy {accuracy:P2}, misclassified {ClassificationMetrics.ZeroOneLoss(test.Labels, predicted)} of {test.RowCount}");
            output.WriteLine(ClassificationMetrics.ConfusionMatrix(test.Labels, predicted, test.ClassCount).ToString());
            Assert.True(accuracy >= 0.9, $"{dataSet} {strategy}: accuracy {accuracy:P2} is below 90%");
        }

        [Theory]
        [MemberData(nameof(DataSets))]
        public void OneVsRest(string name)
        {
            (DataSet train, DataSet test) = TestData.StandardisedSplit(Load(name), seed: 42);
            var model = OneVsRestClassifier.Train(train, LogisticRegressionModel.CreateTrainer(() => new Adam(0.05), Options));
            Assert.Equal(train.ClassCount, model.ClassifierCount);
            Report(name, "one-vs-rest", model, test);
        }

        [Theory]
        [MemberData(nameof(DataSets))]
        public void OneVsOne(string name)
        {
            (DataSet train, DataSet test) = TestData.StandardisedSplit(Load(name), seed: 42);
            var model = OneVsOneClassifier.Train(train, LogisticRegressionModel.CreateTrainer(() => new Adam(0.05), Options));
            Assert.Equal(3, model.ClassifierCount);
            Report(name, "one-vs-one", model, test);
        }

        [Theory]
        [MemberData(nameof(DataSets))]
        public void Softmax(string name)
        {
            (DataSet train, DataSet test) = TestData.StandardisedSplit(Load(name), seed: 42);
            var model = SoftmaxRegressionModel.Train(train, new Adam(0.05), Options);
            Report(name, "softmax", model, test);
        }

        [Fact]
        public void AnyBinaryTrainerCanBePluggedIn()
        {
            // A nearest-class-mean "classifier" proves the strategies only depend on the BinaryTrainer delegate.
            (DataSet train, DataSet test) = TestData.StandardisedSplit(TestData.Iris, seed: 42);
            int calls = 0;
            BinaryTrainer nearestMean = data =>
            {
                calls++;
                return new NearestMeanClassifier(data);
            };
            var model = OneVsOneClassifier.Train(train, nearestMean);
            Assert.Equal(3, calls);
            Assert.True(model.Accuracy(test) >= 0.8);
        }

        private sealed class NearestMeanClassifier : IBinaryClassifier
        {
            private readonly double[][] means = { Array.Empty<double>(), Array.Empty<double>() };

            public NearestMeanClassifier(DataSet data)
            {
                for (int c = 0; c < 2; c++)
                {
                    means[c] = new double[data.FeatureCount];
                    int count = 0;
                    for (int i = 0; i < data.RowCount; i++)
                    {
                        if (data.Labels[i] == c)
                        {
                            count++;
                            for (int j = 0; j < data.FeatureCount; j++)
                            {
                                means[c][j] += data.Row(i)[j];
                            }
                        }
                    }

                    for (int j = 0; j < data.FeatureCount; j++)
                    {
                        means[c][j] /= count;
                    }
                }
            }

            public double PredictProbability(ReadOnlySpan<double> features)
            {
                double d0 = 0;
                double d1 = 0;
                for (int j = 0; j < features.Length; j++)
                {
                    d0 += (features[j] - means[0][j]) * (features[j] - means[0][j]);
                    d1 += (features[j] - means[1][j]) * (features[j] - means[1][j]);
                }

                return d0 / (d0 + d1);
            }
        }
    }
}
