namespace TallyfyPS.Model
{
    /// <summary>One column of a table field.</summary>
    public sealed class TallyfyTableColumn
    {
        public string Id { get; set; } = string.Empty;
        public string Label { get; set; } = string.Empty;

        public override string ToString() => Label;
    }
}
