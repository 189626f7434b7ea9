using System.IO;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary>The real data sets of ../shared/data, when present beside the repository (skipped silently otherwise).</summary>
public class SharedDataTests
{
    [Fact]
    public void MulticlassRunsOnIrisWhenAvailable()
    {
        string? iris = FindSharedData("iris.csv");
        if (iris is null)
        {
            return;
        }

        using SampleRun run = SampleRun.Start("multiclass", "--quick", "--data", iris);
        run.AssertSucceeded();
        Assert.Contains("data: iris.csv, 150 rows, 4 features, 3 classes", run.Output);
    }

    private static string? FindSharedData(string name)
    {
        DirectoryInfo? directory = new(System.AppContext.BaseDirectory);
        while (directory is not null)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        return null;
    }
}
