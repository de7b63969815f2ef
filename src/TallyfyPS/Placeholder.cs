namespace TallyfyPS { internal static class Placeholder { } }
