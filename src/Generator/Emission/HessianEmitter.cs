using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints <c>FHessian</c>, the dense Hessian, and the private <c>FHessianBlock</c> it calls: the
/// Hessian-vector product carrying up to eight directions at once (see
/// <see cref="Differentiation.Forward.LaneTransform"/>). Column k of the Hessian is H e_k, written as
/// row k (the Hessian is symmetric); a block of unit vectors gives a block of rows, the primal and
/// gradient code running once for all of them. Without a block (a program the lane rewrite does not
/// cover) each column is one <c>FHessianVectorProduct</c>.
/// </summary>
internal static class HessianEmitter
{

    /// <summary>
    /// <c>FHessianBlock</c>: private, called only by <c>FHessian</c> with spans of the right lengths, so
    /// it checks nothing. Direction and product element i of lane l is at <c>i * lanes + l</c>.
    /// </summary>
    public static void WriteBlock(IndentedWriter writer, GradientModel model)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<(ParameterModel Parameter, string Direction)> directions = ForwardModeEmitter.DirectionsOf(model);
        List<(ParameterModel Parameter, string Output)> outputs = model.ProductOutputs.Select(o => (method.Parameters.First(p => p.Name == o.Of), o.Name)).ToList();
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c> and its Hessian's products with <c>" + model.Lanes + "</c> vectors at once (forward over reverse with one tangent per lane):");
        writer.Line("/// the gradient's code runs once, each tangent statement once per lane. Element i of lane l of a vector or product is at <c>i * " + model.Lanes + " + l</c>.");
        writer.Line("/// </summary>");
        ForwardModeEmitter.WriteParameterDocs(writer, method);
        writer.Line("/// <param name=\"" + model.Lanes + "\">How many vectors (lanes) the block carries.</param>");
        writer.Line("/// <param name=\"" + model.FirstColumn + "\">The vectors are unit vectors: lane l carries the one of column " + model.FirstColumn + " + l (a sum over a direction is read at that column).</param>");
        foreach ((ParameterModel parameter, string direction) in directions)
        {
            writer.Line("/// <param name=\"" + direction + "\">The vectors' components along <c>" + parameter.Name.TrimStart('@') + "</c>, lane by lane.</param>");
        }

        foreach ((ParameterModel parameter, string output) in outputs)
        {
            writer.Line("/// <param name=\"" + output + "\">Receives the products' rows that belong to <c>" + parameter.Name.TrimStart('@') + "</c>, lane by lane.</param>");
        }

        writer.Line("/// <returns>The value of <c>" + method.Name + "</c>.</returns>");
        IEnumerable<string> parameters = method.Parameters.Select(p => p.TypeText + " " + p.Name)
            .Concat(new[] { "int " + model.Lanes, "int " + model.FirstColumn })
            .Concat(directions.Select(d => (real.ReadOnlySpan + " ") + d.Direction))
            .Concat(outputs.Select(o => (real.Span + " ") + o.Output));
        // Tiered: its lane loops ran faster with dynamic PGO's profile (the benchmark's dense Hessian: 77 ms tiered, 121 ms fully optimised at once).
        ForwardModeEmitter.WriteHeader(writer, method, model.Request.MethodSuffix, parameters, accessibility: "private", tiered: true);
        writer.Open();
        foreach ((ParameterModel _, string output) in outputs)
        {
            writer.Line(output + ".Clear();");
        }

        ForwardModeEmitter.WriteProductBody(writer, model);
        writer.Close();
    }

    public static void WriteHessian(IndentedWriter writer, GradientModel model, GradientModel? block)
    {
        RealText real = RealText.Of(model.Method);
        MethodModel method = model.Method;
        List<ParameterModel> differentiated = method.Parameters.Where(p => p.IsDifferentiated).ToList();
        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@')).Concat(differentiated.Select(p => p.GradientName)));
        string hessian = ForwardModeEmitter.Fresh("hessian", taken);
        string size = ForwardModeEmitter.Fresh("n", taken);
        string value = ForwardModeEmitter.Fresh("value", taken);
        writer.Line("/// <summary>");
        writer.Line("/// Computes <c>" + method.Name + "</c>, its gradient (as <c>" + method.Name + "Gradient</c> writes it) and its dense Hessian, row-major n x n, where n counts every");
        writer.Line("/// differentiated scalar and array element in parameter order. " + (block is null
            ? "Each column is one Hessian-vector product (forward over reverse), not finite differences."
            : "Columns come in blocks of up to " + Differentiation.Forward.LaneTransform.MaxLanes + " Hessian-vector products computed together (forward over reverse), not finite differences."));
        writer.Line("/// </summary>");
        ForwardModeEmitter.WriteParameterDocs(writer, method);
        foreach (ParameterModel parameter in differentiated)
        {
            writer.Line("/// <param name=\"" + parameter.GradientName + "\">The partial derivative of the result with respect to <c>" + parameter.Name.TrimStart('@') + "</c>.</param>");
        }

        writer.Line("/// <param name=\"" + hessian + "\">Receives the Hessian, row-major; its length must be n * n.</param>");
        writer.Line("/// <returns>The value of <c>" + method.Name + "</c>.</returns>");
        IEnumerable<string> parameters = method.Parameters.Select(p => p.TypeText + " " + p.Name)
            .Concat(differentiated.Select(p => (p.IsArray ? (real.Span + " ") : "out " + real.Keyword + " ") + p.GradientName))
            .Concat(new[] { (real.Span + " ") + hessian });
        ForwardModeEmitter.WriteHeader(writer, method, "Hessian", parameters);
        writer.Open();
        (List<string> offsets, string offset) = ForwardModeEmitter.Offsets(differentiated);
        writer.Line("int " + size + " = " + offset + ";");
        writer.Line("if (" + hessian + ".Length != " + size + " * " + size + ")");
        writer.Open();
        writer.Line("throw new global::System.ArgumentException(\"The Hessian output '" + hessian + "' must have n * n = \" + " + size + " * " + size + " + \" elements (n = \" + " + size + " + \" differentiated values), not \" + " + hessian + ".Length + \".\", \"" + hessian + "\");");
        writer.Close();
        writer.BlankLine();
        ForwardModeEmitter.WriteOverlapChecks(
            writer,
            method.Parameters.Where(p => p.Kind == ValueKind.DoubleArray).Select(p => p.Name).Concat(differentiated.Where(p => p.IsArray).Select(p => p.GradientName)).ToList(),
            new List<string> { hessian },
            new List<string>());
        writer.Line(real.Keyword + " " + value + " = " + method.Name + "Gradient(" + string.Join(", ", method.Parameters.Select(p => p.Name).Concat(differentiated.Select(p => (p.IsArray ? string.Empty : "out ") + p.GradientName))) + ");");
        var shape = (Hessian: hessian, Size: size, Offsets: offsets);
        if (block is null)
        {
            WriteColumns(writer, method, differentiated, shape, taken);
        }
        else
        {
            WriteBlocks(writer, method, differentiated, shape, taken);
        }

        writer.Line("return " + value + ";");
        writer.Close();
    }

    private static void WriteColumns(IndentedWriter writer, MethodModel method, List<ParameterModel> differentiated, (string Hessian, string Size, List<string> Offsets) shape, HashSet<string> taken)
    {
        RealText real = RealText.Of(method);
        string column = ForwardModeEmitter.Fresh("column", taken);
        string direction = VectorEmitter.FreshScratch("direction", taken);
        VectorEmitter.WriteScratch(writer, real, direction, shape.Size);
        writer.Line("for (int " + column + " = 0; " + column + " < " + shape.Size + "; " + column + "++)");
        writer.Open();
        writer.Line("// Column k of the Hessian is its product with the k-th unit vector.");
        writer.Line(direction + "[" + column + "] = " + real.Literal(1.0) + ";");
        string row = column + " * " + shape.Size;
        var arguments = new List<string>(method.Parameters.Select(p => p.Name));
        for (int i = 0; i < differentiated.Count; i++)
        {
            arguments.Add(differentiated[i].IsArray ? direction + ".Slice(" + shape.Offsets[i] + ", " + differentiated[i].Name + ".Length)" : direction + "[" + shape.Offsets[i] + "]");
        }

        for (int i = 0; i < differentiated.Count; i++)
        {
            string start = shape.Offsets[i] == "0" ? row : row + " + " + shape.Offsets[i];
            arguments.Add(differentiated[i].IsArray ? shape.Hessian + ".Slice(" + start + ", " + differentiated[i].Name + ".Length)" : "out " + shape.Hessian + "[" + start + "]");
        }

        writer.Line(method.Name + "HessianVectorProduct(" + string.Join(", ", arguments) + ");");
        writer.Line(direction + "[" + column + "] = " + real.Literal(0.0) + ";");
        writer.Close();
        VectorEmitter.ReturnScratch(writer, real, direction);
        writer.BlankLine();
    }

    /// <summary>
    /// Blocks of up to eight unit vectors: lane l of the block starting at column f is e_(f + l), so
    /// the block's products are the Hessian's rows f to f + lanes - 1, copied out lane by lane.
    /// </summary>
    private static void WriteBlocks(IndentedWriter writer, MethodModel method, List<ParameterModel> differentiated, (string Hessian, string Size, List<string> Offsets) shape, HashSet<string> taken)
    {
        RealText real = RealText.Of(method);
        string lanes = ForwardModeEmitter.Fresh("lanes", taken);
        string first = ForwardModeEmitter.Fresh("first", taken);
        string count = ForwardModeEmitter.Fresh("count", taken);
        string lane = ForwardModeEmitter.Fresh("lane", taken);
        string element = ForwardModeEmitter.Fresh("element", taken);
        string directions = VectorEmitter.FreshScratch("directions", taken);
        string products = VectorEmitter.FreshScratch("products", taken);
        writer.Line("int " + lanes + " = global::System.Math.Max(1, global::System.Math.Min(" + Differentiation.Forward.LaneTransform.MaxLanes + ", " + shape.Size + "));");
        VectorEmitter.WriteScratch(writer, real, directions, shape.Size + " * " + lanes);
        VectorEmitter.WriteScratch(writer, real, products, shape.Size + " * " + lanes, clear: false);
        writer.Line("for (int " + first + " = 0; " + first + " < " + shape.Size + "; " + first + " += " + lanes + ")");
        writer.Open();
        writer.Line("// Lane l carries the unit vector of column first + l; its product is the Hessian's row first + l.");
        writer.Line("int " + count + " = global::System.Math.Min(" + lanes + ", " + shape.Size + " - " + first + ");");
        writer.Line(directions + ".Clear();");
        writer.Line("for (int " + lane + " = 0; " + lane + " < " + count + "; " + lane + "++)");
        writer.Open();
        writer.Line(directions + "[(" + first + " + " + lane + ") * " + lanes + " + " + lane + "] = " + real.Literal(1.0) + ";");
        writer.Close();
        writer.BlankLine();
        var arguments = new List<string>(method.Parameters.Select(p => p.Name)) { lanes, first };
        IEnumerable<string> Slices(string buffer) => differentiated.Select((p, i) =>
            buffer + ".Slice(" + Scaled(shape.Offsets[i], lanes) + ", " + (p.IsArray ? p.Name + ".Length * " + lanes : lanes) + ")");
        arguments.AddRange(Slices(directions));
        arguments.AddRange(Slices(products));
        writer.Line(method.Name + "HessianBlock(" + string.Join(", ", arguments) + ");");
        writer.Line("for (int " + lane + " = 0; " + lane + " < " + count + "; " + lane + "++)");
        writer.Open();
        writer.Line("for (int " + element + " = 0; " + element + " < " + shape.Size + "; " + element + "++)");
        writer.Open();
        writer.Line(shape.Hessian + "[(" + first + " + " + lane + ") * " + shape.Size + " + " + element + "] = " + products + "[" + element + " * " + lanes + " + " + lane + "];");
        writer.Close();
        writer.Close();
        writer.Close();
        VectorEmitter.ReturnScratch(writer, real, directions);
        VectorEmitter.ReturnScratch(writer, real, products);
        writer.BlankLine();
    }

    private static string Scaled(string offset, string lanes) => offset == "0" ? "0" : "(" + offset + ") * " + lanes;
}
