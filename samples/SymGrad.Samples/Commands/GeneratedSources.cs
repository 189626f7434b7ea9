using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Text;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The source files SymGrad generated for SymGrad.Models, read from that assembly's portable PDB, which the build embeds
/// in this program (the compiler stores every source-generated file in the PDB as embedded source).
/// </summary>
internal static class GeneratedSources
{
    private const string PdbResource = "SymGrad.Models.pdb";
    private const string Namespace = "SymGrad.Models.";

    /// <summary>The embedded-source custom debug information kind of the portable PDB format.</summary>
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private static readonly Lazy<IReadOnlyList<GeneratedSource>> Sources = new(Load);

    /// <summary>Every generated file, ordered by model name.</summary>
    public static IReadOnlyList<GeneratedSource> All => Sources.Value;

    private static IReadOnlyList<GeneratedSource> Load()
    {
        using Stream pdb = typeof(GeneratedSources).Assembly.GetManifestResourceStream(PdbResource)
            ?? throw new InvalidOperationException($"The embedded resource '{PdbResource}' is missing; the build embeds it (target EmbedModelsPdb).");
        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb, MetadataStreamOptions.PrefetchMetadata);
        MetadataReader reader = provider.GetMetadataReader();
        var sources = new List<GeneratedSource>();
        foreach (DocumentHandle handle in reader.Documents)
        {
            string path = reader.GetString(reader.GetDocument(handle).Name);
            string file = path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
            if (!file.StartsWith(Namespace, StringComparison.Ordinal) || !file.EndsWith(".g.cs", StringComparison.Ordinal))
            {
                continue;
            }

            string? text = EmbeddedText(reader, handle);
            if (text is not null)
            {
                string rest = file.Substring(Namespace.Length);
                int underscore = rest.IndexOf('_', StringComparison.Ordinal);
                sources.Add(new GeneratedSource(underscore < 0 ? rest : rest.Substring(0, underscore), file, text));
            }
        }

        return sources.OrderBy(s => s.Model, StringComparer.Ordinal).ToList();
    }

    /// <summary>The embedded source of a document: an int32 (0 = stored as is, otherwise the inflated size) then the bytes, deflated when compressed.</summary>
    private static string? EmbeddedText(MetadataReader reader, DocumentHandle document)
    {
        foreach (CustomDebugInformationHandle handle in reader.GetCustomDebugInformation(document))
        {
            CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) != EmbeddedSourceKind)
            {
                continue;
            }

            byte[] blob = reader.GetBlobBytes(info.Value);
            int size = BitConverter.ToInt32(blob, 0);
            byte[] bytes;
            if (size == 0)
            {
                bytes = blob.AsSpan(4).ToArray();
            }
            else
            {
                bytes = new byte[size];
                using var inflater = new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
                inflater.ReadExactly(bytes);
            }

            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes).TrimStart('\uFEFF');
        }

        return null;
    }
}

/// <summary>One generated file: the model (Class.Method), the file name the generator gave it, and its text.</summary>
internal sealed record GeneratedSource(string Model, string FileName, string Text);
