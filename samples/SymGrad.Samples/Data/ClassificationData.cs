using System;
using System.IO;
using SymGrad.Data;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Data;

/// <summary>A classification problem split into standardised training and test parts, with where it came from.</summary>
internal sealed record ClassificationData(DataSet All, DataSet Train, DataSet Test, string Description)
{
    /// <summary>True when the rows have two features, so decision regions can be drawn in the plane.</summary>
    public bool IsPlanar => All.FeatureCount == 2;

    /// <summary>
    /// The synthetic data <paramref name="synthetic"/>, or the CSV file of <c>--data</c> when given, split and standardised.
    /// The runtime refuses data that cannot give a meaningful accuracy (one class, a class too small to reach both splits).
    /// </summary>
    public static ClassificationData Load(SampleContext context, DataSet synthetic, string syntheticDescription)
    {
        DataSet all = context.DataPath is null ? synthetic : ReadCsv(context.DataPath);
        string description = context.DataPath is null ? syntheticDescription : Path.GetFileName(context.DataPath);
        return Split(all, description, context.Seed);
    }

    /// <summary>
    /// The CSV file of <c>--data</c> when given, else <paramref name="defaultPath"/> (a real data set the command is about),
    /// split and standardised.
    /// </summary>
    public static ClassificationData LoadFile(SampleContext context, Func<string> defaultPath)
    {
        string path = context.DataPath ?? defaultPath();
        return Split(ReadCsv(path), Path.GetFileName(path), context.Seed);
    }

    /// <summary>A stratified 75/25 split, standardised with the training part's means and scales.</summary>
    private static ClassificationData Split(DataSet all, string description, int seed)
    {
        var (train, test) = DataSplit.Stratified(all, testFraction: 0.25, seed: seed);
        Standardizer scaler = Standardizer.Fit(train);
        return new ClassificationData(scaler.Transform(all), scaler.Transform(train), scaler.Transform(test), description);
    }

    /// <summary>
    /// Reads a CSV file in scikit-learn's layout, header-less, or with a row of column names; the runtime picks the layout from
    /// the first line, so its errors name the real problem (a ragged row's line, a compressed or binary file).
    /// </summary>
    public static DataSet ReadCsv(string path) => CsvDataSet.LoadClassification(path);

    /// <summary>The one-line summary printed before training.</summary>
    public string Summary() =>
        $"data: {Description}, {All.RowCount} rows, {All.FeatureCount} features, {All.ClassCount} classes; {Train.RowCount} train / {Test.RowCount} test rows (stratified, standardised)";
}
