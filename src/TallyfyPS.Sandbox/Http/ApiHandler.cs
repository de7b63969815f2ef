namespace TallyfyPS.Sandbox;

/// <summary>An API endpoint: runs under the state lock and answers an <see cref="ApiResult"/>.</summary>
internal delegate ApiResult ApiHandler(ApiCall call);
