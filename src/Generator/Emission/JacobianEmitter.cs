using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints a vector-valued method's <c>FJacobian</c>: the dense Jacobian, row-major (outputs x
/// differentiated values). With no more inputs than outputs, forward mode: a tangent per column.
/// Otherwise reverse mode: when <see cref="RowReplay"/> allows it, the pullback's forward sweep runs
/// once and its reverse sweep once per row, seeded with the row's unit vector and writing straight into
/// the row; else one whole pullback call per row.
/// </summary>
internal static class JacobianEmitter
{

    public static void Write(IndentedWriter writer, GradientModel pullback, string? tangentMethod)
    {
        RealText real = RealText.Of(pullback.Method);
        MethodModel method = pullback.Method;
        VectorOutput vector = method.Vector!;
        List<ParameterModel> inputs = VectorEmitter.Inputs(method, vector).ToList();
        List<ParameterModel> differentiated = inputs.Where(p => p.IsDifferentiated).ToList();
        RowReplay? replay = RowReplay.For(pullback);
        // The method-level names avoid every name of the pullback's code, which the replay inlines; the
        // other branches only call methods, so their names need only avoid the parameters and these.
        HashSet<string> taken = VectorEmitter.TakenNames(pullback);
        taken.Add(vector.Seed);
        string jacobian = ForwardModeEmitter.Fresh("jacobian", taken), n = ForwardModeEmitter.Fresh("n", taken), m = ForwardModeEmitter.Fresh("m", taken);
        var called = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@'))) { jacobian, n, m };
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> into <c>" + vector.Output.TrimStart('@') + "</c> and its Jacobian, row-major: one row per output, one column per differentiated");
        string reverse = replay is not null ? "the forward sweep once, then one reverse sweep per row" : "one pullback per row";
        writer.Line(tangentMethod is null
            ? "/// scalar and array element in parameter order. Reverse mode (" + reverse + "): forward mode cannot differentiate this method (a call through a compiled pullback, say), so there is no tangent per column."
            : "/// scalar and array element in parameter order. Forward mode (one tangent per column) when there are no more columns than rows, reverse mode otherwise (" + reverse + ").");
        writer.Line("/// </summary>");
        VectorEmitter.WriteParameterDocs(writer, method, vector);
        writer.Line("/// <param name=\"" + jacobian + "\">Receives the Jacobian; its length must be " + vector.Output.TrimStart('@') + ".Length * n.</param>");
        IEnumerable<string> parameters = inputs.Select(p => p.TypeText + " " + p.Name).Concat(new[] { (real.Span + " ") + jacobian });
        ForwardModeEmitter.WriteHeader(writer, method, "Jacobian", parameters, returns: "void");
        writer.Open();
        (List<string> offsets, string offset) = ForwardModeEmitter.Offsets(differentiated);
        writer.Line("int " + n + " = " + offset + ";");
        writer.Line("int " + m + " = " + vector.Output + ".Length;");
        writer.Line("if (" + jacobian + ".Length != " + m + " * " + n + ")");
        writer.Open();
        writer.Line("throw new global::System.ArgumentException(\"The Jacobian output '" + jacobian + "' must have " + vector.Output.TrimStart('@') + ".Length * n = \" + " + m + " * " + n + " + \" elements (n = \" + " + n + " + \" differentiated values), not \" + " + jacobian + ".Length + \".\", \"" + jacobian + "\");");
        writer.Close();
        writer.BlankLine();
        ForwardModeEmitter.WriteOverlapChecks(writer, inputs.Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).ToList(), new List<string> { jacobian }, new List<string>());
        writer.Line("if (" + n + " == 0 || " + m + " == 0)");
        writer.Open();
        writer.Line(method.Name + "(" + string.Join(", ", inputs.Select(p => p.Name)) + ");");
        writer.Line("return;");
        writer.Close();
        writer.BlankLine();
        if (tangentMethod is not null)
        {
            writer.Line("if (" + n + " <= " + m + ")");
            writer.Open();
            WriteColumns(writer, real, inputs, differentiated, offsets, tangentMethod, (jacobian, n, m), new HashSet<string>(called));
            writer.Close();
            writer.Line("else");
            writer.Open();
        }

        if (replay is not null)
        {
            WriteReplayedRows(writer, pullback, replay, differentiated, offsets, (jacobian, n, m), taken);
        }
        else
        {
            WritePullbackRows(writer, method, inputs, differentiated, offsets, (jacobian, n, m), called);
        }

        if (tangentMethod is not null)
        {
            writer.Close();
        }

        writer.Close();
    }

    private static void WriteColumns(IndentedWriter writer, RealText real, List<ParameterModel> inputs, List<ParameterModel> differentiated, List<string> offsets, string tangentMethod, (string Jacobian, string N, string M) shape, HashSet<string> taken)
    {
        string k = ForwardModeEmitter.Fresh("k", taken), i = ForwardModeEmitter.Fresh("i", taken);
        string direction = Scratch("direction", taken), column = Scratch("column", taken);
        writer.Line("// Forward mode: column k is the tangent along the k-th unit vector.");
        VectorEmitter.WriteScratch(writer, real, direction, shape.N);
        VectorEmitter.WriteScratch(writer, real, column, shape.M, clear: false);
        writer.Line("for (int " + k + " = 0; " + k + " < " + shape.N + "; " + k + "++)");
        writer.Open();
        writer.Line(direction + "[" + k + "] = " + real.Literal(1.0) + ";");
        var arguments = new List<string>(inputs.Select(p => p.Name));
        for (int p = 0; p < differentiated.Count; p++)
        {
            arguments.Add(differentiated[p].IsArray ? direction + ".Slice(" + offsets[p] + ", " + differentiated[p].Name + ".Length)" : direction + "[" + offsets[p] + "]");
        }

        arguments.Add(column);
        writer.Line(tangentMethod + "(" + string.Join(", ", arguments) + ");");
        writer.Line(direction + "[" + k + "] = " + real.Literal(0.0) + ";");
        writer.Line("for (int " + i + " = 0; " + i + " < " + shape.M + "; " + i + "++)");
        writer.Open();
        writer.Line(shape.Jacobian + "[" + i + " * " + shape.N + " + " + k + "] = " + column + "[" + i + "];");
        writer.Close();
        writer.Close();
        writer.BlankLine();
        VectorEmitter.ReturnScratch(writer, real, direction);
        VectorEmitter.ReturnScratch(writer, real, column);
    }

    private static void WritePullbackRows(IndentedWriter writer, MethodModel method, List<ParameterModel> inputs, List<ParameterModel> differentiated, List<string> offsets, (string Jacobian, string N, string M) shape, HashSet<string> taken)
    {
        RealText real = RealText.Of(method);
        string i = ForwardModeEmitter.Fresh("i", taken), unit = Scratch("unitSeed", taken);
        writer.Line("// Reverse mode: row i is the pullback of the i-th unit vector.");
        VectorEmitter.WriteScratch(writer, real, unit, shape.M);
        writer.Line(shape.Jacobian + ".Clear();");
        writer.Line("for (int " + i + " = 0; " + i + " < " + shape.M + "; " + i + "++)");
        writer.Open();
        writer.Line(unit + "[" + i + "] = " + real.Literal(1.0) + ";");
        var arguments = new List<string>(inputs.Select(p => p.Name)) { unit };
        for (int p = 0; p < differentiated.Count; p++)
        {
            string start = RowStart(i, shape.N, offsets[p]);
            arguments.Add(differentiated[p].IsArray ? shape.Jacobian + ".Slice(" + start + ", " + differentiated[p].Name + ".Length)" : "ref " + shape.Jacobian + "[" + start + "]");
        }

        writer.Line(method.Name + "Pullback(" + string.Join(", ", arguments) + ");");
        writer.Line(unit + "[" + i + "] = " + real.Literal(0.0) + ";");
        writer.Close();
        writer.BlankLine();
        VectorEmitter.ReturnScratch(writer, real, unit);
    }

    /// <summary>
    /// The pullback's code inlined: its forward sweep once, then per row the seed set to the row's unit
    /// vector, the gradient outputs bound to the row's slices of the Jacobian, and the reverse sweep;
    /// after each row, what the reverse sweep wrote back (restored elements, adjoints of local arrays)
    /// is put back to the forward sweep's final state, so the next row starts where the first did and
    /// the output ends as computed.
    /// </summary>
    private static void WriteReplayedRows(IndentedWriter writer, GradientModel pullback, RowReplay replay, List<ParameterModel> differentiated, List<string> offsets, (string Jacobian, string N, string M) shape, HashSet<string> taken)
    {
        RealText real = RealText.Of(pullback.Method);
        VectorOutput vector = pullback.Method.Vector!;
        string row = ForwardModeEmitter.Fresh("row", taken);
        string unit = Scratch("unitSeed", taken);
        var saved = replay.Arrays.ToDictionary(a => a, a => Scratch(a == vector.Output ? "computed" : "saved" + Names.Capitalize(a.TrimStart('@')), taken));
        var savedScalars = replay.Scalars.ToDictionary(s => s.Name, s => ForwardModeEmitter.Fresh("saved" + Names.Capitalize(s.Name.TrimStart('@')), taken));
        writer.Line("// Reverse mode: the forward sweep once, then row i is the reverse sweep seeded with the i-th unit vector.");
        writer.Line(shape.Jacobian + ".Clear();");
        VectorEmitter.WriteScratch(writer, real, unit, shape.M);
        writer.Line(real.ReadOnlySpan + " " + vector.Seed + " = " + unit + ";");
        if (pullback.OutputAdjoint is { } adjoint)
        {
            VectorEmitter.WriteScratch(writer, real, adjoint, shape.M, clear: false);
        }

        writer.BlankLine();
        var printer = ExpressionPrinter.For(pullback.Method, pullback.TapeName);
        GradientEmitter.WriteBlock(writer, printer, pullback.Forward);
        writer.BlankLine();
        writer.Line("// The state the forward sweep leaves, which each row's reverse sweep writes into (restoring overwritten elements): saved here, put back after each row.");
        foreach (KeyValuePair<string, string> array in saved)
        {
            VectorEmitter.WriteScratch(writer, real, array.Value, array.Key + ".Length", clear: false);
            writer.Line("((" + real.ReadOnlySpan + ")" + array.Key + ").CopyTo(" + array.Value + ");");
        }

        foreach (CodeDeclare scalar in replay.Scalars)
        {
            writer.Line(Names.TypeTextOf(scalar.Kind, real.Precision) + " " + savedScalars[scalar.Name] + " = " + scalar.Name + ";");
        }

        writer.Line("for (int " + row + " = 0; " + row + " < " + shape.M + "; " + row + "++)");
        writer.Open();
        writer.Line(unit + "[" + row + "] = " + real.Literal(1.0) + ";");
        if (pullback.OutputAdjoint is { } cleared)
        {
            writer.Line(cleared + ".Clear();");
        }

        for (int p = 0; p < differentiated.Count; p++)
        {
            ParameterModel parameter = differentiated[p];
            string start = RowStart(row, shape.N, offsets[p]);
            writer.Line(parameter.IsArray
                ? (real.Span + " ") + parameter.GradientName + " = " + shape.Jacobian + ".Slice(" + start + ", " + parameter.Name + ".Length);"
                : "ref " + real.Keyword + " " + parameter.GradientName + " = ref " + shape.Jacobian + "[" + start + "];");
        }

        GradientEmitter.WriteBlock(writer, printer, pullback.Reverse);
        writer.BlankLine();
        writer.Line(unit + "[" + row + "] = " + real.Literal(0.0) + ";");
        foreach (KeyValuePair<string, string> array in saved)
        {
            writer.Line(array.Value + ".CopyTo(" + array.Key + ");");
        }

        foreach (KeyValuePair<string, string> scalar in savedScalars)
        {
            writer.Line(scalar.Key + " = " + scalar.Value + ";");
        }

        writer.Close();
        writer.BlankLine();
        foreach (string buffer in pullback.RentedBuffers)
        {
            writer.Line(real.Pool + ".Return(" + buffer + ");");
        }

        foreach (string scratch in saved.Values)
        {
            VectorEmitter.ReturnScratch(writer, real, scratch);
        }

        VectorEmitter.ReturnScratch(writer, real, unit);
        if (pullback.OutputAdjoint is { } returned)
        {
            VectorEmitter.ReturnScratch(writer, real, returned);
        }
    }

    private static string RowStart(string row, string n, string offset) => offset == "0" ? row + " * " + n : row + " * " + n + " + " + offset;

    private static string Scratch(string stem, HashSet<string> taken) => VectorEmitter.FreshScratch(stem, taken);
}
