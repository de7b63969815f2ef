using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Operations;
using Xunit;

namespace TallyfyPS.Tests.Client;

/// <summary>Changes whose outcome is unknown are verified with a read before they are repeated; a create is never repeated.</summary>
public sealed class VerificationTests : ScriptedClientTest
{
    [Fact]
    public async Task Delete_with_lost_connection_is_verified_and_not_resent_when_applied()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await Send(c, new ApiRequest(HttpMethod.Delete, Scripted.RunPath())
        {
            VerifyApplied = _ =>
            {
                verifications++;
                return Task.FromResult(Verification.Applied);
            },
        });
        Assert.Equal(1, verifications);
        Assert.Single(h.Requests);
        Assert.True(r.AppliedByVerification);
        Assert.True(r.IsSuccess);
        Assert.Equal(1, h.Remaining);
    }

    [Fact]
    public async Task A_change_whose_verification_is_undecided_is_never_sent_again_and_its_outcome_is_unknown_for_the_reason_given()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(201, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        var error = await Assert.ThrowsAsync<TallyfyApiException>(() => Send(c, new ApiRequest(HttpMethod.Post, Scripted.RunPath())
        {
            VerifyApplied = _ =>
            {
                verifications++;
                return Task.FromResult(Verification.Undecided("more than one run of that name was created meanwhile"));
            },
        }));
        Assert.Equal(1, verifications);
        Assert.Single(h.Requests);
        Assert.Equal(TallyfyApiException.OutcomeUnknownCode, error.ErrorCode);
        Assert.Equal("more than one run of that name was created meanwhile", error.Message);
    }

    [Fact]
    public async Task A_verification_that_cannot_tell_lets_the_change_be_sent_again()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        using var r = await Send(c, new ApiRequest(HttpMethod.Delete, Scripted.RunPath())
        {
            VerifyApplied = _ => Task.FromResult(Verification.CannotTell),
        });
        Assert.Equal(2, h.Requests.Count);
        Assert.False(r.AppliedByVerification);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Delete_with_lost_connection_is_resent_when_verification_says_not_applied()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await Send(c, new ApiRequest(HttpMethod.Delete, Scripted.RunPath())
        {
            VerifyApplied = _ =>
            {
                verifications++;
                return Task.FromResult(Verification.NotApplied);
            },
        });
        Assert.Equal(1, verifications);
        Assert.Equal(2, h.Requests.Count);
        Assert.All(h.Requests, q => Assert.Equal(HttpMethod.Delete, q.Method));
        Assert.False(r.AppliedByVerification);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Delete_with_5xx_is_verified_and_not_resent_when_applied()
    {
        var h = new ScriptedHandler().Respond(502, "{\"message\":\"bad gateway\"}").Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await Send(c, new ApiRequest(HttpMethod.Delete, Scripted.RunPath())
        {
            VerifyApplied = _ =>
            {
                verifications++;
                return Task.FromResult(Verification.Applied);
            },
        });
        Assert.Equal(1, verifications);
        Assert.Single(h.Requests);
        Assert.True(r.AppliedByVerification);
    }

    [Fact]
    public async Task Delete_429_is_not_verified_but_retried()
    {
        var h = new ScriptedHandler().Respond(429, "{}", configure: r => r.Headers.Add("Retry-After", "0")).Respond(200, Ok);
        using var c = Scripted.Client(h);
        int verifications = 0;
        using var r = await Send(c, new ApiRequest(HttpMethod.Delete, Scripted.RunPath())
        {
            VerifyApplied = _ =>
            {
                verifications++;
                return Task.FromResult(Verification.Applied);
            },
        });
        Assert.Equal(0, verifications);
        Assert.Equal(2, h.Requests.Count);
        Assert.Equal(200, r.Status);
    }

    [Fact]
    public async Task Post_with_lost_connection_and_no_verifier_is_not_resent()
    {
        var h = new ScriptedHandler().Throw(new HttpRequestException("connection reset by peer")).Respond(201, Ok);
        using var c = Scripted.Client(h);
        await Assert.ThrowsAsync<TallyfyApiException>(() => Send(c, new ApiRequest(HttpMethod.Post, "organizations/x/tasks") { JsonBody = new { title = "t" } }));
        Assert.Single(h.Requests);
    }
}
