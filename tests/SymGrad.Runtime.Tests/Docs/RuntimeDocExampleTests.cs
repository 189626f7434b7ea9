using System;
using System.IO;
using System.Linq;
using SymGrad.Data;
using SymGrad.Metrics;
using SymGrad.Multiclass;
using SymGrad.Optimizers;
using SymGrad.Training;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Runtime.Tests.Docs
{
    /// <summary>The worked example of docs/runtime.md, verbatim apart from the data path and the output sink.</summary>
    public class RuntimeDocExampleTests
    {
        private readonly ITestOutputHelper output;

        public RuntimeDocExampleTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public void SoftmaxOnIrisWithAdam()
        {
            string irisPath = TestData.PathOf("iris.csv");
            Action<string> print = output.WriteLine;

            // --- begin docs/runtime.md example ---
            DataSet iris = CsvDataSet.LoadScikitLearn(irisPath);
            var (train, test) = DataSplit.Stratified(iris, testFraction: 0.25, seed: 42);
            Standardizer scaler = Standardizer.Fit(train);              // statistics of the training part only
            train = scaler.Transform(train);
            test = scaler.Transform(test);

            int k = iris.ClassCount, n = iris.FeatureCount;
            double[] weights = new double[SoftmaxRegressionModel.ParameterCount(k, n)];
            var trainer = new Trainer(
                new Adam(learningRate: 0.05),
                SoftmaxRegressionModel.CreateLossAndGradient(k),
                new TrainerOptions { Epochs = 100, BatchSize = 16, Seed = 1, ValidationFraction = 0.2, EarlyStoppingPatience = 20 });
            var progress = new SynchronousProgress<EpochProgress>(p => print($"epoch {p.Epoch}: loss {p.TrainingLoss:F4}, validation {p.ValidationMetric:F4}"));
            TrainingResult result = trainer.Fit(weights, train, progress);

            var model = new SoftmaxRegressionModel(weights, k, n);
            int[] predicted = model.PredictAll(test);
            print($"{result.StopReason} after {result.EpochsRun} epochs; test accuracy {ClassificationMetrics.Accuracy(test.Labels, predicted):P1}");
            print(ClassificationMetrics.ConfusionMatrix(test.Labels, predicted, k).ToString());
            // --- end docs/runtime.md example ---

            Assert.NotEqual(StopReason.Diverged, result.StopReason);
            Assert.True(ClassificationMetrics.Accuracy(test.Labels, predicted) >= 0.9);
        }

        [Fact]
        public void DocumentationShowsExactlyThisExample()
        {
            string root = RepositoryRoot();
            string[] documented = ExampleLines(Path.Combine(root, "docs", "runtime.md"));
            string[] tested = ExampleLines(Path.Combine(root, "tests", "SymGrad.Runtime.Tests", "Docs", "RuntimeDocExampleTests.cs"));
            Assert.True(documented.Length > 10, "the example block was not found in docs/runtime.md");
            Assert.Equal(tested, documented);
        }

        private static string[] ExampleLines(string path)
        {
            string[] lines = File.ReadAllLines(path);
            int begin = Array.FindIndex(lines, l => l.Trim() == "// --- begin docs/runtime.md example ---");
            int end = Array.FindIndex(lines, l => l.Trim() == "// --- end docs/runtime.md example ---");
            Assert.True(begin >= 0 && end > begin, $"no example markers in {path}");
            string[] block = lines.Skip(begin + 1).Take(end - begin - 1).ToArray();
            int indent = block.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            return block.Select(l => l.Trim().Length == 0 ? string.Empty : l.Substring(indent).TrimEnd()).ToArray();
        }

        private static string RepositoryRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SymGrad.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"No SymGrad.sln above {AppContext.BaseDirectory}.");
        }
    }
}
