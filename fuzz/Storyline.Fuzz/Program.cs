using SharpFuzz;
using Storyline.Core;
using Storyline.Fuzz;

// Usage: Storyline.Fuzz TARGET            (under afl-fuzz: reads each input from stdin, persistent mode)
//        Storyline.Fuzz TARGET FILE...    (replays files: prints the outcome, exit 1 on a contract breach)
if (args.Length == 0 || !Targets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Storyline.Fuzz {string.Join('|', Targets.Names)} [FILE...]");
    return 2;
}
var target = Targets.Get(args[0]);
void Guarded(byte[] data)
{
    // StorylineException is the contract's way to fail one document; anything else escapes and is a crash for AFL.
    try { target(data); }
    catch (StorylineException) { }
}
if (args.Length > 1)
{
    int bad = 0;
    foreach (var file in args.Skip(1))
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try { Guarded(File.ReadAllBytes(file)); Console.WriteLine($"ok    {sw.ElapsedMilliseconds,6} ms  {file}"); }
        catch (Exception ex) { bad++; Console.WriteLine($"CRASH {sw.ElapsedMilliseconds,6} ms  {file}\n{ex}"); }
    }
    return bad == 0 ? 0 : 1;
}
Fuzzer.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    Guarded(ms.ToArray());
});
return 0;
