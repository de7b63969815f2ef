<#
.SYNOPSIS
    Builds TallyfyPS's help from docs/en-US: the cmdlet pages become one MAML file
    (TallyfyPS.dll-Help.xml) and about_TallyfyPS.md becomes about_TallyfyPS.help.txt.
.DESCRIPTION
    The pages use platyPS's markdown shape (# Name, ## SYNOPSIS, ## SYNTAX with one code block per
    parameter set under '### SetName', ## DESCRIPTION, ## EXAMPLES with '### Example N: title',
    ## PARAMETERS with '### -Name' and a yaml block, ## INPUTS, ## OUTPUTS, ## NOTES,
    ## RELATED LINKS). platyPS is not needed: the modules in docs/help are the converter.

      help/Markdown.psm1     reads a page into an object (and checks the page's own rules)
      help/ModuleCheck.psm1  compares the pages with the module, and the ErrorIds with the about page
      help/Maml.psm1         writes the MAML file
      help/AboutTopic.psm1   writes the about topic text, wrapped to -Width
      help/Problem.psm1      the problem record every check returns

    With -ModulePath, the module is imported in a child PowerShell process and the pages are checked
    against it: cmdlets, parameters, parameter sets, types, aliases, Required, Position, pipeline
    input, [OutputType], and the ErrorIds of TallyfyPS.Cmdlets.ErrorIds (once the module has that
    class) against the error table of about_TallyfyPS.md.

    With -Strict (what build.ps1 uses) any problem fails, with one line per problem, and nothing is
    written. Without it, problems are warnings and the help is written from what could be read: a
    mode for drafting pages.

    Runs on PowerShell 7 and Windows PowerShell 5.1.
.EXAMPLE
    ./docs/Build-Help.ps1 -DocsPath docs/en-US -OutputPath out/TallyfyPS/0.2.0/en-US -ModulePath out/TallyfyPS/0.2.0/TallyfyPS.psd1 -Strict
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $DocsPath,

    [Parameter(Mandatory = $true)]
    [string] $OutputPath,

    # The laid-out module manifest to check the pages against. Without it nothing is checked.
    [string] $ModulePath,

    # Fail on any problem (drift between the pages and the module, a broken page rule). Without it, warn.
    [switch] $Strict,

    # Wrap column of the about_ text file.
    [ValidateRange(40, 200)]
    [int] $Width = 80
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ModuleName = 'TallyfyPS'
$MamlFileName = 'TallyfyPS.dll-Help.xml'

# -Force: a second build in the same session uses the modules as they are now.
foreach ($name in 'Problem', 'Markdown', 'ModuleCheck', 'Maml', 'AboutTopic') {
    Import-Module (Join-Path $PSScriptRoot "help/$name.psm1") -Force
}

$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
if (-not (Test-Path -LiteralPath $OutputPath)) { New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null }
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath

$pageFiles = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' | Where-Object { $_.Name -notlike 'about_*' } | Sort-Object Name)
$aboutFiles = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' | Sort-Object Name)
if ($pageFiles.Count -eq 0) { throw "No cmdlet help pages in $DocsPath." }

$problems = [System.Collections.Generic.List[object]]::new()
$pages = [System.Collections.Generic.List[object]]::new()
$unreadable = [System.Collections.Generic.List[string]]::new()
foreach ($f in $pageFiles) {
    try { $page = Read-CommandPage -Path $f.FullName }
    catch {
        $problems.Add((New-HelpProblem -File $f.Name -Message "cannot be read: $($_.Exception.InnerException.Message)"))
        $unreadable.Add($f.Name)
        continue
    }
    foreach ($p in $page.Problems) { $problems.Add($p) }
    $pages.Add($page)
}
$abouts = [System.Collections.Generic.List[object]]::new()
foreach ($f in $aboutFiles) {
    try { $abouts.Add((Read-AboutPage -Path $f.FullName)) }
    catch { $problems.Add((New-HelpProblem -File $f.Name -Message "cannot be read: $($_.Exception.InnerException.Message)")) }
}
if (-not (Test-Path -LiteralPath (Join-Path $DocsPath "about_$ModuleName.md"))) {
    $problems.Add((New-HelpProblem -File "about_$ModuleName.md" -Message 'is missing from the docs folder.'))
}

if ($ModulePath) {
    $shape = Get-ModuleShape -Manifest (Resolve-Path -LiteralPath $ModulePath).ProviderPath
    foreach ($p in @(Test-PageAgainstModule -Pages $pages -Shape $shape -UnreadableFile $unreadable)) { $problems.Add($p) }
    # The module's ErrorIds are listed in the error table of its about page.
    foreach ($a in @($abouts | Where-Object { $_.Name -eq "about_$ModuleName" })) {
        foreach ($p in @(Test-ErrorIdCatalog -Catalog $shape.ErrorIdCatalog -Documented (Get-DocumentedErrorId -Page $a))) { $problems.Add($p) }
    }
}
else {
    Write-Warning 'No -ModulePath: the pages were not checked against the module.'
}

$topics = foreach ($a in $abouts) { ConvertTo-AboutTopic -Page $a -Width $Width }
foreach ($t in @($topics)) { foreach ($p in $t.Problems) { $problems.Add($p) } }

if ($problems.Count -gt 0) {
    if ($Strict) {
        $list = ($problems | ForEach-Object { "  - $($_.Text)" }) -join [Environment]::NewLine
        throw "The help does not match the module or breaks a page rule ($($problems.Count) problem(s)); nothing was written:$([Environment]::NewLine)$list"
    }
    foreach ($p in $problems) { Write-Warning "Help: $($p.Text)" }
}

$maml = Join-Path $OutputPath $MamlFileName
Write-MamlHelp -Pages $pages -Path $maml
Write-Verbose "Wrote $maml ($($pages.Count) cmdlets)."

foreach ($t in @($topics)) {
    $target = Join-Path $OutputPath ([System.IO.Path]::GetFileNameWithoutExtension($t.File) + '.help.txt')
    [System.IO.File]::WriteAllText($target, $t.Text, [System.Text.UTF8Encoding]::new($false))
    Write-Verbose "Wrote $target."
}
