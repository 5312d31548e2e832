using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace BeAlert.Gateway.Operations;

/// <summary>
/// The last line: an exception no endpoint handled becomes a ProblemDetails. <see cref="BadHttpRequestException"/>
/// (body too large, unreadable JSON, a bad parameter) keeps its 4xx; anything else is a 500 that says only that it
/// failed and gives the trace id to quote — never the exception's message or stack, which may hold data or secrets.
/// The exception is logged (type and stack; ASP.NET Core's own log line), never the request's headers.
/// </summary>
internal sealed partial class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        int status;
        string title;
        string detail;
        switch (exception)
        {
            case BadHttpRequestException bad:
                status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
                title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request";
                detail = status == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this endpoint accepts."
                    : "The request could not be read: " + SafeReason(bad);
                LogBadRequest(logger, status, httpContext.Request.Method, httpContext.Request.Path.Value ?? string.Empty);
                break;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                status = 499;
                title = "Client closed request";
                detail = "The client went away before the answer was ready.";
                break;
            default:
                status = StatusCodes.Status500InternalServerError;
                title = "Internal error";
                detail = $"The gateway failed to handle this request. Quote trace id {traceId} to the operators.";
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path.Value ?? string.Empty, traceId);
                break;
        }

        if (httpContext.Response.HasStarted)
        {
            return true;
        }

        httpContext.Response.Clear();
        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["traceId"] = traceId;
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = null, // never let a writer render the exception
        }).ConfigureAwait(false);
        if (!written)
        {
            // The Accept header names nothing JSON: answer with the problem anyway rather than an empty body.
            await Results.Json(problem, contentType: "application/problem+json", statusCode: status).ExecuteAsync(httpContext).ConfigureAwait(false);
        }

        return true;
    }

    // Kestrel's and minimal APIs' messages name the parameter or the limit, never the body or a header value;
    // still, keep only the first line and cap its length.
    private static string SafeReason(BadHttpRequestException bad)
    {
        var message = bad.Message.Split('\n')[0].Trim();
        return message.Length > 200 ? message[..200] : message;
    }

    [LoggerMessage(1, LogLevel.Information, "Bad request {Status} on {Method} {Path}")]
    private static partial void LogBadRequest(ILogger logger, int status, string method, string path);

    [LoggerMessage(2, LogLevel.Error, "Unhandled exception on {Method} {Path} (trace {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string traceId);
}
