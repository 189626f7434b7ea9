using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SymGrad.Inspection;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The source files SymGrad generated for SymGrad.Models, read from that assembly's portable PDB, which the build embeds
/// in this program (the compiler stores every source-generated file in the PDB as embedded source).
/// </summary>
internal static class GeneratedSources
{
    private const string PdbResource = "SymGrad.Models.pdb";
    private const string Namespace = "SymGrad.Models.";

    private static readonly Lazy<IReadOnlyList<GeneratedSource>> Sources = new(Load);

    /// <summary>Every generated file, ordered by model name.</summary>
    public static IReadOnlyList<GeneratedSource> All => Sources.Value;

    private static IReadOnlyList<GeneratedSource> Load()
    {
        using Stream pdb = typeof(GeneratedSources).Assembly.GetManifestResourceStream(PdbResource)
            ?? throw new InvalidOperationException($"The embedded resource '{PdbResource}' is missing; the build embeds it (target EmbedModelsPdb).");

        // The same reader as the symgrad tool's (src/Inspection).
        return GeneratedSourceReader.ReadPortablePdb(pdb)
            .Where(s => s.FileName.StartsWith(Namespace, StringComparison.Ordinal))
            .Select(s => new GeneratedSource(s.Model, s.FileName, s.Text))
            .ToList();
    }
}

/// <summary>One generated file: the model (Class.Method), the file name the generator gave it, and its text.</summary>
internal sealed record GeneratedSource(string Model, string FileName, string Text);
