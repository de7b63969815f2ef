namespace TallyfyPS.Model
{
    /// <summary>One choice of a radio, dropdown or multiselect field.</summary>
    public sealed class TallyfyFieldOption
    {
        public long Id { get; set; }
        public string Text { get; set; } = string.Empty;

        public override string ToString() => Text;
    }
}
