using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SymGrad.Inspection;

namespace SymGrad.Tool;

/// <summary>
/// <c>symgrad list &lt;assembly&gt;</c> and <c>symgrad show &lt;assembly&gt; [Type.Method]</c>. Exit codes: 0 done, 1 nothing
/// matched, 2 wrong usage or unreadable input.
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage:
          symgrad list <assembly>                  the [Differentiable] methods, their parameters and derivative outputs
          symgrad show <assembly> [Type.Method]    the gradient source SymGrad generated (all, a type's, or one method's)
          symgrad --version

        <assembly> is a .dll built with SymGrad. Sources are read from its PDB (embedded or beside it), else from
        obj/<Configuration>/<TargetFramework>/generated (EmitCompilerGeneratedFiles=true).
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "--version")
        {
            output.WriteLine(typeof(Program).Assembly.GetName().Version?.ToString(3));
            return 0;
        }

        if (args.Length < 2 || args[0] is not ("list" or "show") || (args[0] == "list" && args.Length != 2) || args.Length > 3)
        {
            error.WriteLine("symgrad: unexpected arguments '" + string.Join(" ", args) + "'.");
            error.WriteLine(Usage);
            return 2;
        }

        string assembly = args[1];
        if (!File.Exists(assembly))
        {
            error.WriteLine($"symgrad: '{assembly}' does not exist.");
            return 2;
        }

        try
        {
            return args[0] == "list" ? List(assembly, output, error) : Show(assembly, args.Length == 3 ? args[2] : null, output, error);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            error.WriteLine($"symgrad: cannot read '{assembly}': {exception.Message}");
            return 2;
        }
    }

    private static int List(string assembly, TextWriter output, TextWriter error)
    {
        IReadOnlyList<DifferentiableMethod> methods = DifferentiableMethodReader.Read(assembly);
        if (methods.Count == 0)
        {
            error.WriteLine($"symgrad: '{assembly}' has no [Differentiable] methods.");
            return 1;
        }

        foreach (IGrouping<string?, DifferentiableMethod> group in methods.GroupBy(m => m.Namespace))
        {
            output.WriteLine(group.Key is null ? "(global namespace)" : "namespace " + group.Key);
            foreach (DifferentiableMethod method in group)
            {
                output.WriteLine("  " + method.Model + "(" + string.Join(", ", method.Parameters.Select(p => (method.NoDerivative.Contains(p.Name) ? "[NoDerivative] " : string.Empty) + p)) + ")");
                output.WriteLine(method.DerivativeOutputs switch
                {
                    null => "    no gradient was generated (see the build's SYMGRAD errors)",
                    { Count: 0 } => "    gradient outputs: none (no parameter is differentiated)",
                    var outputs => "    gradient outputs: " + string.Join(", ", outputs),
                });
            }
        }

        return 0;
    }

    private static int Show(string assembly, string? query, TextWriter output, TextWriter error)
    {
        (IReadOnlyList<GeneratedSource> sources, string origin) = GeneratedSourceReader.ReadForAssembly(assembly);
        List<GeneratedSource> matches = sources.Where(s => query is null || s.Matches(query)).ToList();
        if (matches.Count == 0)
        {
            error.WriteLine(query is null
                ? $"symgrad: no SymGrad-generated source in {origin}."
                : $"symgrad: no generated gradient matches '{query}'; the generated ones are: {string.Join(", ", sources.Select(s => s.Model).Distinct())}.");
            return 1;
        }

        foreach (GeneratedSource source in matches)
        {
            output.WriteLine($"// ---- {source.Model}: {source.FileName} (read from {origin}) ----");
            output.WriteLine(source.Text.TrimEnd());
            output.WriteLine();
        }

        return 0;
    }
}
