using System.Text;
using BeAlert.Cli;

// stdout is buffered (64 KiB) and flushed once at the end: reports of thousands of files stream through it
// without a write system call per line. stderr stays unbuffered so errors appear at once.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
var exitCode = CliApp.Run(args, stdout, Console.Error);
stdout.Flush();
return exitCode;
