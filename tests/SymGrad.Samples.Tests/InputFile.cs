using System;
using System.IO;

namespace SymGrad.Samples.Tests;

/// <summary>A data file in the temp folder for one test, deleted on dispose.</summary>
internal sealed class InputFile : IDisposable
{
    private InputFile(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public static InputFile Text(string text, string extension = ".csv")
    {
        var file = new InputFile(Create(extension));
        File.WriteAllText(file.Path, text);
        return file;
    }

    public static InputFile Bytes(byte[] bytes, string extension)
    {
        var file = new InputFile(Create(extension));
        File.WriteAllBytes(file.Path, bytes);
        return file;
    }

    public void Dispose() => File.Delete(Path);

    private static string Create(string extension) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"symgrad-samples-{Guid.NewGuid():N}{extension}");
}
