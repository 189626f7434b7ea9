using System;
using System.IO;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// ADBench's sparse BA Jacobian (`BASparseMat`, src/cpp/shared/utils.cpp) in compressed sparse rows:
    /// for observation i, two rows of 15 entries (camera i's 11 parameters, point i's 3 coordinates,
    /// weight i), then one row of 1 entry per weight residual. 3 p rows, 11 n + 3 m + p columns,
    /// 31 p non-zeros.
    /// </summary>
    public sealed class BaSparseJacobian
    {
        /// <summary>Entries in one reprojection row: the camera's parameters, the point's 3 coordinates and the weight.</summary>
        public const int ReprojectionRowLength = BaObjective.CameraParameters + 3 + 1;

        private BaSparseJacobian(int rowCount, int columnCount, int[] rowStarts, int[] columns, double[] values)
        {
            RowCount = rowCount;
            ColumnCount = columnCount;
            RowStarts = rowStarts;
            Columns = columns;
            Values = values;
        }

        /// <summary>An empty Jacobian shaped for <paramref name="input"/>, to be filled by <see cref="Assemble"/>.</summary>
        public BaSparseJacobian(BaInput input)
            : this(input.ResidualCount, input.ParameterCount, new int[input.ResidualCount + 1], new int[NonZeros(input.P)], new double[NonZeros(input.P)])
        {
        }

        public int RowCount { get; }

        public int ColumnCount { get; }

        /// <summary>RowCount + 1 offsets into <see cref="Columns"/> and <see cref="Values"/>.</summary>
        public int[] RowStarts { get; }

        public int[] Columns { get; }

        public double[] Values { get; }

        /// <summary>
        /// The residuals (as <see cref="BaInput.Objective"/>) and this Jacobian from the generated blocks:
        /// observation i's <c>ReprojectionResidualJacobian</c> is a row-major 2 x 15 block whose columns are
        /// in ADBench's order, so it is written straight into the values of rows 2i and 2i + 1; each
        /// <c>WeightResidualJacobian</c> is the single entry of its row. The structure (row starts and
        /// columns) is rewritten too, as ADBench's Manual module rebuilds it on every call.
        /// </summary>
        public void Assemble(BaInput input, Span<double> reprojectionErrors, Span<double> weightErrors)
        {
            input.CheckLengths(reprojectionErrors, weightErrors);
            if (RowCount != input.ResidualCount || ColumnCount != input.ParameterCount)
            {
                throw new ArgumentException($"a {RowCount} x {ColumnCount} Jacobian cannot hold BA with {input.ResidualCount} residuals and {input.ParameterCount} parameters");
            }

            const int BlockLength = 2 * ReprojectionRowLength;
            int pointColumns = BaObjective.CameraParameters * input.N;
            int weightColumns = pointColumns + 3 * input.M;
            int[] observations = input.Observations;
            RowStarts[0] = 0;
            for (int i = 0; i < input.P; i++)
            {
                int start = BlockLength * i;
                RowStarts[2 * i + 1] = start + ReprojectionRowLength;
                RowStarts[2 * i + 2] = start + BlockLength;
                int camera = BaObjective.CameraParameters * observations[2 * i];
                int point = pointColumns + 3 * observations[2 * i + 1];
                for (int row = start; row < start + BlockLength; row += ReprojectionRowLength)
                {
                    for (int k = 0; k < BaObjective.CameraParameters; k++)
                    {
                        Columns[row + k] = camera + k;
                    }

                    Columns[row + BaObjective.CameraParameters] = point;
                    Columns[row + BaObjective.CameraParameters + 1] = point + 1;
                    Columns[row + BaObjective.CameraParameters + 2] = point + 2;
                    Columns[row + BaObjective.CameraParameters + 3] = weightColumns + i;
                }

                BaObjective.ReprojectionResidualJacobian(
                    input.Camera(i), input.Point(i), input.Weights[i], input.Features.AsSpan(2 * i, 2),
                    reprojectionErrors.Slice(2 * i, 2), Values.AsSpan(start, BlockLength));
            }

            int weightStart = BlockLength * input.P;
            for (int i = 0; i < input.P; i++)
            {
                RowStarts[2 * input.P + i + 1] = weightStart + i + 1;
                Columns[weightStart + i] = weightColumns + i;
                BaObjective.WeightResidualJacobian(input.Weights[i], weightErrors.Slice(i, 1), Values.AsSpan(weightStart + i, 1));
            }
        }

        /// <summary>
        /// Reads ADBench's sparse Jacobian text (`write_J_sparse`): `rows cols`, the count of row starts
        /// and the row starts, the count of non-zeros and their columns, then the values.
        /// </summary>
        public static BaSparseJacobian Read(string path)
        {
            try
            {
                NumberReader reader = new(path);
                int rowCount = reader.Int();
                int columnCount = reader.Int();
                int[] rowStarts = Ints(reader, reader.Int());
                int[] columns = Ints(reader, reader.Int());
                double[] values = reader.Rest();
                if (rowStarts.Length != rowCount + 1 || values.Length != columns.Length || rowStarts[^1] != columns.Length)
                {
                    throw new InvalidDataException(
                        $"{path}: {rowCount} rows need {rowCount + 1} row starts (found {rowStarts.Length}) and as many values as columns ({values.Length} values, {columns.Length} columns, last row start {rowStarts[^1]})");
                }

                return new BaSparseJacobian(rowCount, columnCount, rowStarts, columns, values);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new InvalidDataException($"{path}: not an ADBench sparse Jacobian ({e.Message})", e);
            }
        }

        private static int NonZeros(int p) => (2 * ReprojectionRowLength + 1) * p;

        private static int[] Ints(NumberReader reader, int count)
        {
            if (count < 1)
            {
                throw new FormatException($"a count of {count}");
            }

            int[] values = new int[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = reader.Int();
            }

            return values;
        }
    }
}
