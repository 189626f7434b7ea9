using System;
using System.Globalization;
using System.IO;

namespace SymGrad.Samples.Infrastructure;

/// <summary>What one run of a sample needs: the output writer, the output folder, the size settings, the seed and the learning rate.</summary>
internal sealed class SampleContext
{
    public SampleContext(TextWriter output, string outputDirectory, bool quick, int? epochs, int seed, string? dataPath, double? learningRate)
    {
        Out = output;
        OutputDirectory = outputDirectory;
        Quick = quick;
        Epochs = epochs;
        Seed = seed;
        DataPath = dataPath;
        LearningRate = learningRate;
    }

    public TextWriter Out { get; }

    public string OutputDirectory { get; }

    public bool Quick { get; }

    public int? Epochs { get; }

    public int Seed { get; }

    public string? DataPath { get; }

    /// <summary>The <c>--learning-rate</c> option, or null for the command's default.</summary>
    public double? LearningRate { get; }

    /// <summary>The number of epochs: the explicit option (positive, checked when parsed), or the quick or full default.</summary>
    public int EpochsOr(int full, int quick) => Epochs ?? (Quick ? quick : full);

    /// <summary>The learning rate: the explicit option (positive and finite, checked when parsed), or the command's default.</summary>
    public double LearningRateOr(double defaultRate) => LearningRate ?? defaultRate;

    /// <summary>A learning rate as the commands print it (0.05, 0.0123, 1E-05).</summary>
    public static string Rate(double rate) => rate.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A size that is smaller under <c>--quick</c>.</summary>
    public int SizeOr(int full, int quick) => Quick ? quick : full;

    /// <summary>The path of a file in the output folder, creating the folder.</summary>
    public string FilePath(string fileName)
    {
        Directory.CreateDirectory(OutputDirectory);
        return Path.Combine(OutputDirectory, fileName);
    }

    public void WriteLine(string text = "") => Out.WriteLine(text);

    /// <summary>Reports a file that was written.</summary>
    public void Wrote(string path) => Out.WriteLine("wrote " + path);

    public static string F(double value, int digits = 4) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Vector(ReadOnlySpan<double> values, int digits = 4)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            parts[i] = F(values[i], digits);
        }

        return "(" + string.Join(", ", parts) + ")";
    }
}
