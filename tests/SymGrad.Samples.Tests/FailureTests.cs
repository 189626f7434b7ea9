using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using SymGrad.Samples.Commands;
using SymGrad.Samples.Infrastructure;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>Every kind of bad input gives one line on stderr and exit 2; internal failures give exit 1; nothing prints a stack trace.</summary>
public class FailureTests
{
    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public void EpochsMustBeAPositiveWholeNumber(string epochs)
    {
        using SampleRun run = SampleRun.Start("logistic", "--quick", "--epochs", epochs);
        run.AssertFailedCleanly(2, "logistic", $"--epochs needs a positive whole number, not '{epochs}'");
        Assert.Equal(string.Empty, run.Output);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("-0.1")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void LearningRateMustBeAPositiveNumber(string rate)
    {
        using SampleRun run = SampleRun.Start("softmax", "--quick", "--learning-rate", rate);
        run.AssertFailedCleanly(2, "softmax", $"--learning-rate needs a positive number such as 0.05, not '{rate}'");
    }

    [Fact]
    public void SeedMustBeAWholeNumber()
    {
        using SampleRun run = SampleRun.Start("perceptron", "--seed", "seven");
        run.AssertFailedCleanly(2, "perceptron", "--seed needs a whole number, not 'seven'");
    }

    [Fact]
    public void OutputThatIsAnExistingFileIsRefusedBeforeAnyWork()
    {
        using InputFile file = InputFile.Text("not a folder");
        using SampleRun run = SampleRun.Raw("logistic", "--quick", "--out", file.Path);
        run.AssertFailedCleanly(2, "logistic", $"--out '{file.Path}' is an existing file");
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void OutputThatCannotBeCreatedIsRefusedBeforeAnyWork()
    {
        using InputFile file = InputFile.Text("a file, so nothing can be created under it");
        string under = Path.Combine(file.Path, "plots");
        using SampleRun run = SampleRun.Raw("tour", "--quick", "--out", under);
        run.AssertFailedCleanly(2, "tour", $"--out '{under}' is not a writable folder");
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void MissingDataIsRefusedBeforeAnyWork()
    {
        using SampleRun run = SampleRun.Start("softmax", "--quick", "--data", "/nonexistent/data.csv");
        run.AssertFailedCleanly(2, "softmax", "--data: the file '/nonexistent/data.csv' does not exist");
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void DataThatIsAFolderIsRefused()
    {
        string folder = Path.GetTempPath().TrimEnd('/');
        using SampleRun run = SampleRun.Start("softmax", "--quick", "--data", folder);
        run.AssertFailedCleanly(2, "softmax", "is a folder, not a CSV file");
    }

    [Fact]
    public void ARaggedRowAfterAHeaderReportsItsLineAndFieldCount()
    {
        using InputFile csv = InputFile.Text("4,4,a,b,c\n1,2,3,4,0\n1,2,3,0\n1,2,3,4,1\n1,2,3,4,2\n");
        using SampleRun run = SampleRun.Start("multiclass", "--quick", "--data", csv.Path);
        run.AssertFailedCleanly(2, "multiclass", $"{csv.Path}, line 3: expected 5 fields but found 4.");
        Assert.DoesNotContain("is not a finite number", run.Error);
    }

    [Fact]
    public void AGzipFileIsNamedAsSuchWithoutEchoingItsBytes()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.ASCII.GetBytes("1,2,0\n3,4,1\n"));
        }

        using InputFile file = InputFile.Bytes(compressed.ToArray(), ".csv.gz");
        using SampleRun run = SampleRun.Start("logistic", "--quick", "--data", file.Path);
        run.AssertFailedCleanly(2, "logistic", "gzip-compressed");
        Assert.True(run.Error.All(c => c == '\n' || c == '\r' || (c >= ' ' && c < 127)), run.Error);
    }

    [Fact]
    public void AnotherBinaryFileIsNamedAsSuchWithoutEchoingItsBytes()
    {
        byte[] bytes = Enumerable.Range(0, 256).Select(i => (byte)((i * 37) % 256)).ToArray();
        using InputFile file = InputFile.Bytes(bytes, ".csv");
        using SampleRun run = SampleRun.Start("softmax", "--quick", "--data", file.Path);
        run.AssertFailedCleanly(2, "softmax", "this is a binary file, not CSV text");
        Assert.True(run.Error.All(c => c == '\n' || c == '\r' || (c >= ' ' && c < 127)), run.Error);
    }

    [Fact]
    public void OneClassOnlyIsRefused()
    {
        using InputFile csv = InputFile.Text("1,0\n2,0\n3,0\n4,0\n");
        using SampleRun run = SampleRun.Start("softmax", "--quick", "--data", csv.Path);
        run.AssertFailedCleanly(2, "softmax", "All 4 rows belong to one class (0); a classifier needs rows of at least two classes.");
        Assert.DoesNotContain("accuracy", run.Output);
    }

    [Fact]
    public void AClassWithNoRowsIsRefused()
    {
        using InputFile csv = InputFile.Text("1,0\n2,0\n3,2\n4,2\n5,0\n6,2\n");
        using SampleRun run = SampleRun.Start("softmax", "--quick", "--data", csv.Path);
        run.AssertFailedCleanly(2, "softmax", "Class 1 has no rows");
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void AClassThatWouldMissTheTestSplitIsRefused()
    {
        using InputFile csv = InputFile.Text("1,0\n2,0\n3,0\n4,1\n5,0\n");
        using SampleRun run = SampleRun.Start("logistic", "--quick", "--data", csv.Path);
        run.AssertFailedCleanly(2, "logistic", "Class 1 has only one row");
    }

    [Fact]
    public void FeaturesNear1e308AreStandardisedNotZeroed()
    {
        using InputFile csv = InputFile.Text("1.5e308,1\n-1.5e308,0\n1.7e308,1\n-1.6e308,0\n1.6e308,1\n-1.7e308,0\n1.4e308,1\n-1.4e308,0\n");
        using SampleRun run = SampleRun.Start("logistic", "--quick", "--data", csv.Path);
        run.AssertSucceeded();
        string weights = run.Output.Split('\n').Single(l => l.StartsWith("w = (bias, w_1..w_n) = ", StringComparison.Ordinal));
        Assert.DoesNotContain(", 0.000)", weights);
        Assert.DoesNotContain("NaN", run.Output);
    }

    [Fact]
    public void AnUnknownCommandIsOneLineAndExitTwo()
    {
        using SampleRun run = SampleRun.Raw("bogus");
        run.AssertFailedCleanly(2, "symgrad-samples", "Unrecognized command or argument 'bogus'");
    }

    [Fact]
    public void ADivergingLearningRateIsReportedAsBadInput()
    {
        using SampleRun run = SampleRun.Start("mlp-regression", "--quick", "--learning-rate", "1e6");
        run.AssertFailedCleanly(2, "mlp-regression", "Training diverged");
        Assert.EndsWith("with --learning-rate.", run.Error.TrimEnd());
    }

    [Fact]
    public void InternalErrorsExitOneAndNameTheType()
    {
        var error = new StringWriter();
        int code = Failures.Report("logistic", new InvalidOperationException("first line\nsecond line"), error);
        Assert.Equal(Failures.InternalError, code);
        Assert.Equal("logistic: internal error (InvalidOperationException): first line second line" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void BadInputExceptionsMapToExitTwo()
    {
        foreach (Exception e in new Exception[] { new SampleInputException("x"), new InvalidDataException("x"), new SymGrad.Data.UnsuitableDataException("x", "data"), new FileNotFoundException("x") })
        {
            Assert.Equal(Failures.BadInput, Failures.ExitCode(e));
        }

        Assert.Equal(Failures.InternalError, Failures.ExitCode(new ArgumentException("a bug in the caller")));
        Assert.Equal(Failures.InternalError, Failures.ExitCode(new NullReferenceException()));
    }

    [Fact]
    public void TheTourReportsAFailedSectionAndContinues()
    {
        string folder = Path.Combine(Path.GetTempPath(), "symgrad-samples-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var context = new SampleContext(output, folder, quick: true, epochs: 1, seed: 7, dataPath: null, learningRate: null);
            SampleCommand[] sections = { new ThrowingSection(), SampleCatalog.All.Single(s => s.Name == "perceptron") };
            int code = TourCommand.Run(context, error, sections);

            Assert.Equal(Failures.InternalError, code);
            Assert.Equal("tour: section 'throwing' failed: internal error (InvalidOperationException): the section broke" + Environment.NewLine, error.ToString());
            Assert.Contains("[throwing: exit 1,", output.ToString());
            Assert.Contains("[perceptron: exit 0,", output.ToString());
            Assert.Contains("2 of 3 sections succeeded", output.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "perceptron.png")));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class ThrowingSection : SampleCommand
    {
        public override string Name => "throwing";

        public override string Description => "Always throws.";

        public override string Title => "A section that breaks";

        public override int Run(SampleContext context) => throw new InvalidOperationException("the section broke");
    }
}
