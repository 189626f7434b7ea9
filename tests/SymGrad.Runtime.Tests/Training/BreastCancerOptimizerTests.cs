using System;
using System.Collections.Generic;
using SymGrad.Data;
using SymGrad.Metrics;
using SymGrad.Multiclass;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Runtime.Tests.Training
{
    public class BreastCancerOptimizerTests
    {
        private readonly ITestOutputHelper output;

        public BreastCancerOptimizerTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static IEnumerable<object[]> Optimizers()
        {
            yield return new object[] { "Sgd", (Func<IOptimizer>)(() => new Sgd(0.1, momentum: 0.9)) };
            yield return new object[] { "AdaGrad", (Func<IOptimizer>)(() => new AdaGrad(0.1)) };
            yield return new object[] { "RmsProp", (Func<IOptimizer>)(() => new RmsProp(0.001)) };
            yield return new object[] { "Adam", (Func<IOptimizer>)(() => new Adam(0.01)) };
            yield return new object[] { "AdamW", (Func<IOptimizer>)(() => new AdamW(0.01)) };
        }

        [Theory]
        [MemberData(nameof(Optimizers))]
        public void LogisticRegressionReaches95PercentTestAccuracy(string name, Func<IOptimizer> create)
        {
            (DataSet train, DataSet test) = TestData.StandardisedSplit(TestData.BreastCancer, seed: 42);
            var options = new TrainerOptions { Epochs = 30, BatchSize = 32, Seed = 42 };
            LogisticRegressionModel model = LogisticRegressionModel.Train(train, create(), options);

            double accuracy = model.Accuracy(test);
            var confusion = ClassificationMetrics.ConfusionMatrix(test.Labels, model.PredictAll(test), 2);
            output.WriteLine($"{name}: breast_cancer test accuracy {accuracy:P2} ({confusion.Correct}/{confusion.Total})");
            output.WriteLine(confusion.ToString());
            Assert.True(accuracy >= 0.95, $"{name}: test accuracy {accuracy:P2} is below 95%");
        }
    }
}
