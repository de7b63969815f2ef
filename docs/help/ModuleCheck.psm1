# Compares the help pages with the module as PowerShell sees it: cmdlets, parameters, parameter
# sets, types, aliases, pipeline input, positions, Mandatory, [OutputType], and the ErrorId catalog.
# Every difference is one TallyfyHelp.Problem record.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Problem.psm1')
Import-Module (Join-Path $PSScriptRoot 'Markdown.psm1')

# This file, for the child PowerShell that reads the module's shape (see Get-ModuleShape).
$script:ThisFile = $PSCommandPath

# The class that will hold every ErrorId the module writes, as public const string fields.
$script:ErrorIdTypeName = 'TallyfyPS.Cmdlets.ErrorIds'

#region Reading the module

function Invoke-ChildPowerShell {
    # Runs a script in a new process of the PowerShell that runs this one (pwsh, powershell.exe, or
    # pwsh under `dotnet pwsh`). Returns the exit code and the output lines (stdout and stderr).
    param([Parameter(Mandatory = $true)] [string] $Script)
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @()
    # Under `dotnet pwsh` this process is dotnet itself, which needs pwsh.dll as its first argument.
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $arguments += (Join-Path $PSHOME 'pwsh.dll') }
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
    $arguments += @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    # 'Continue': Windows PowerShell turns a redirected stderr line into a terminating error under 'Stop'.
    $ErrorActionPreference = 'Continue'
    $output = & $exe @arguments 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { [string]$_ }) }
}

function ConvertTo-QuotedString {
    # A path as a single-quoted PowerShell string, for the child's script.
    param([string] $Text)
    return "'" + $Text.Replace("'", "''") + "'"
}

function ConvertTo-ParameterShape {
    # One parameter of one parameter set, as the help describes it (Nullable<T> is T).
    param([System.Management.Automation.CommandParameterInfo] $Parameter)
    $type = $Parameter.ParameterType
    $inner = [Nullable]::GetUnderlyingType($type)
    if ($inner) { $type = $inner }
    [pscustomobject]@{
        Name = $Parameter.Name; Type = $type.Name; FullType = $type.FullName; Mandatory = $Parameter.IsMandatory
        Position = $(if ($Parameter.Position -lt 0) { 'Named' } else { [string]$Parameter.Position })
        ByValue = $Parameter.ValueFromPipeline; ByPropertyName = $Parameter.ValueFromPipelineByPropertyName
        Aliases = @($Parameter.Aliases)
    }
}

function Get-ErrorIdCatalog {
    <#
    .SYNOPSIS
        Reads the module's ErrorId catalog: every public const string of TallyfyPS.Cmdlets.ErrorIds.
    .DESCRIPTION
        Returns a TallyfyHelp.ErrorIdCatalog: Found ($false when the assembly has no such type, public
        or not) and Entries (Name = the field's name, Value = its string, which is the ErrorId), sorted by
        value. Static readonly fields and properties are not constants and are left out.
    .EXAMPLE
        Get-ErrorIdCatalog -Assembly ([TallyfyPS.Cmdlets.TallyfyCmdlet].Assembly)
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.ErrorIdCatalog')]
    param(
        [Parameter(Mandatory = $true)] [System.Reflection.Assembly] $Assembly,
        [string] $TypeName = $script:ErrorIdTypeName
    )
    $type = $Assembly.GetType($TypeName, $false)
    $entries = @()
    if ($null -ne $type) {
        $flags = [System.Reflection.BindingFlags]'Public, Static, DeclaredOnly'
        $entries = @($type.GetFields($flags) |
                Where-Object { $_.IsLiteral -and $_.FieldType -eq [string] } |
                ForEach-Object { [pscustomobject]@{ Name = $_.Name; Value = [string]$_.GetRawConstantValue() } } |
                Sort-Object Value)
    }
    [pscustomobject]@{ PSTypeName = 'TallyfyHelp.ErrorIdCatalog'; TypeName = $TypeName; Found = ($null -ne $type); Entries = $entries }
}

function Read-ModuleShape {
    <#
    .SYNOPSIS
        Imports a module in this process and describes it (TallyfyHelp.ModuleShape).
    .DESCRIPTION
        Commands: each cmdlet's Name, OutputTypes (type names of [OutputType]) and Sets (Name,
        IsDefault, Syntax as Get-Command -Syntax prints it, and the Parameters other than the common
        ones). ErrorIdCatalog: see Get-ErrorIdCatalog. Get-ModuleShape calls this in a child process.
    .EXAMPLE
        Read-ModuleShape -Manifest out/TallyfyPS/0.1.0/TallyfyPS.psd1
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.ModuleShape')]
    param([Parameter(Mandatory = $true)] [string] $Manifest)
    $module = Import-Module -Name $Manifest -PassThru -Force
    $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
    $cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
    $commands = foreach ($c in $cmdlets) {
        $sets = foreach ($s in $c.ParameterSets) {
            $parameters = foreach ($p in $s.Parameters) { if ($common -notcontains $p.Name) { ConvertTo-ParameterShape $p } }
            [pscustomobject]@{ Name = $s.Name; IsDefault = $s.IsDefault; Syntax = ($c.Name + ' ' + $s.ToString()); Parameters = @($parameters) }
        }
        [pscustomobject]@{ Name = $c.Name; OutputTypes = @($c.OutputType | ForEach-Object { $_.Name }); Sets = @($sets); HelpUri = [string]$c.HelpUri }
    }
    $assembly = $module.ImplementingAssembly
    if ($null -eq $assembly -and $cmdlets.Count -gt 0) { $assembly = $cmdlets[0].ImplementingType.Assembly }
    $catalog = if ($assembly) { Get-ErrorIdCatalog -Assembly $assembly } else { [pscustomobject]@{ TypeName = $script:ErrorIdTypeName; Found = $false; Entries = @() } }
    [pscustomobject]@{ PSTypeName = 'TallyfyHelp.ModuleShape'; Commands = @($commands); ErrorIdCatalog = $catalog }
}

function Get-ModuleShape {
    <#
    .SYNOPSIS
        Describes a module (see Read-ModuleShape) without loading it into this process.
    .DESCRIPTION
        A child PowerShell imports the module and this file, runs Read-ModuleShape and hands back JSON.
        The build's own process never loads TallyfyPS.dll: it would stay loaded (and locked on Windows)
        for the rest of the session, and a second build in the same session would check the old one.
    .EXAMPLE
        (Get-ModuleShape -Manifest out/TallyfyPS/0.1.0/TallyfyPS.psd1).Commands.Name
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.ModuleShape')]
    param([Parameter(Mandatory = $true)] [string] $Manifest)
    $jsonFile = Join-Path ([System.IO.Path]::GetTempPath()) ('tallyfy-help-shape-' + [guid]::NewGuid().ToString('n') + '.json')
    $script = @(
        "`$ErrorActionPreference = 'Stop'"
        "Import-Module -Name $(ConvertTo-QuotedString $script:ThisFile)"
        "`$shape = Read-ModuleShape -Manifest $(ConvertTo-QuotedString $Manifest)"
        "[System.IO.File]::WriteAllText($(ConvertTo-QuotedString $jsonFile), (ConvertTo-Json -InputObject `$shape -Depth 8 -Compress))"
    ) -join [Environment]::NewLine
    try {
        $child = Invoke-ChildPowerShell -Script $script
        if ($child.ExitCode -ne 0 -or -not (Test-Path -LiteralPath $jsonFile)) {
            throw "Could not import '$Manifest' in a child PowerShell to check the help (exit code $($child.ExitCode)):$([Environment]::NewLine)$($child.Output -join [Environment]::NewLine)"
        }
        $shape = [System.IO.File]::ReadAllText($jsonFile) | ConvertFrom-Json
    }
    finally {
        Remove-Item -LiteralPath $jsonFile -ErrorAction SilentlyContinue
    }
    $shape.PSObject.TypeNames.Insert(0, 'TallyfyHelp.ModuleShape')
    return $shape
}

#endregion

#region Pages against the module

function Get-ParameterUse {
    # Where each of a cmdlet's parameters is used: name -> list of @{ Set; Parameter } (one per parameter set).
    param($Command)
    $uses = @{}
    foreach ($s in $Command.Sets) {
        foreach ($p in $s.Parameters) {
            if (-not $uses.ContainsKey($p.Name)) { $uses[$p.Name] = [System.Collections.Generic.List[object]]::new() }
            $uses[$p.Name].Add([pscustomobject]@{ Set = $s.Name; Parameter = $p })
        }
    }
    return $uses
}

function Test-ParameterList {
    # Every parameter has an entry under '## PARAMETERS', and every entry is a parameter of the cmdlet.
    param($Page, $Command, [hashtable] $Uses)
    $documented = @($Page.Parameters | ForEach-Object { $_.Name })
    foreach ($n in ($Uses.Keys | Sort-Object)) {
        if ($documented -notcontains $n) { New-HelpProblem -File $Page.File -Command $Command.Name -Parameter $n -Message "is not documented: add '### -$n' under '## PARAMETERS'." }
    }
    foreach ($n in ($documented | Sort-Object)) {
        if (-not $Uses.ContainsKey($n)) { New-HelpProblem -File $Page.File -Command $Command.Name -Parameter $n -Message 'is documented, but the cmdlet has no such parameter.' }
    }
}

function Test-SyntaxBlock {
    # One syntax block per parameter set, with the text Get-Command -Syntax prints and the (Default) marker.
    param($Page, $Command)
    $at = @{ File = $Page.File; Command = $Command.Name }
    $realSets = @($Command.Sets | ForEach-Object { $_.Name })
    $docSets = @($Page.Syntax | ForEach-Object { $_.Name })
    foreach ($s in $Command.Sets) {
        $doc = @($Page.Syntax | Where-Object { $_.Name -eq $s.Name })
        # A cmdlet with one parameter set may name its one block as it likes.
        if ($doc.Count -eq 0 -and $realSets.Count -eq 1 -and $docSets.Count -eq 1) { $doc = @($Page.Syntax[0]) }
        if ($doc.Count -eq 0) { New-HelpProblem @at -Set $s.Name -Message "the parameter set has no syntax block: add '### $($s.Name)' under '## SYNTAX'."; continue }
        $want = ($s.Syntax -replace '\s+', ' ').Trim()
        if ($doc[0].Text -ne $want) {
            New-HelpProblem @at -Set $s.Name -Message "the syntax differs from the module's:`n      page:   $($doc[0].Text)`n      module: $want"
        }
        if ($realSets.Count -gt 1 -and $doc[0].IsDefault -ne $s.IsDefault) {
            $should = if ($s.IsDefault) { "is the default set: its heading needs '(Default)'." } else { "is not the default set: remove '(Default)' from its heading." }
            New-HelpProblem @at -Set $s.Name -Message $should
        }
    }
    foreach ($d in $docSets) {
        if ($realSets.Count -gt 1 -and $realSets -notcontains $d) { New-HelpProblem @at -Message "the syntax block '### $d' is not a parameter set of the cmdlet (its sets: $($realSets -join ', '))." }
    }
}

function Format-PipelineInput {
    # 'False', or 'True (ByPropertyName, ByValue)' as platyPS writes it.
    param($Parameter)
    $kinds = @()
    if ($Parameter.ByPropertyName) { $kinds += 'ByPropertyName' }
    if ($Parameter.ByValue) { $kinds += 'ByValue' }
    if ($kinds.Count -eq 0) { return 'False' }
    return "True ($($kinds -join ', '))"
}

function Compare-ParameterEntry {
    # One yaml entry against the parameter in one parameter set: type, Required, position, pipeline input, aliases.
    param($Entry, $Real, [hashtable] $At)
    if ($Entry.Type -ne $Real.Type -and $Entry.Type -ne $Real.FullType) { New-HelpProblem @At -Message "Type is '$($Entry.Type)' on the page, '$($Real.Type)' in the module." }
    if ($Entry.Required -ne [bool]$Real.Mandatory) { New-HelpProblem @At -Message "Required is $($Entry.Required) on the page, $([bool]$Real.Mandatory) in the module (Mandatory)." }
    if ($Entry.Position -ne $Real.Position) { New-HelpProblem @At -Message "Position is '$($Entry.Position)' on the page, '$($Real.Position)' in the module." }
    $pipe = Format-PipelineInput $Real
    if ($Entry.Pipeline -ne $pipe) { New-HelpProblem @At -Message "Accept pipeline input is '$($Entry.Pipeline)' on the page, '$pipe' in the module." }
    $realAliases = @($Real.Aliases | Sort-Object) -join ', '
    $docAliases = @($Entry.Aliases | Sort-Object) -join ', '
    if ($realAliases -ne $docAliases) { New-HelpProblem @At -Message "Aliases are '$docAliases' on the page, '$realAliases' in the module." }
}

function Test-ParameterAttribute {
    # Each parameter, in each of its parameter sets, against the yaml entry that covers that set.
    param($Page, $Command, [hashtable] $Uses)
    $setCount = @($Command.Sets).Count
    foreach ($dp in $Page.Parameters) {
        if (-not $Uses.ContainsKey($dp.Name)) { continue }
        $found = foreach ($use in $Uses[$dp.Name]) {
            $at = @{ File = $Page.File; Command = $Command.Name; Parameter = $dp.Name; Set = $use.Set }
            $entry = Get-ParameterEntry $dp $use.Set
            if ($null -eq $entry -and $setCount -eq 1) { $entry = $dp.Entries[0] }
            if ($null -eq $entry) { New-HelpProblem @at -Message "no yaml block lists this parameter set under 'Parameter Sets:'."; continue }
            Compare-ParameterEntry -Entry $entry -Real $use.Parameter -At $at
        }
        # One yaml block usually covers several sets: the same difference in each is one problem.
        foreach ($group in @($found | Group-Object Message)) {
            $sets = @($group.Group | ForEach-Object { $_.Set }) -join ', '
            New-HelpProblem -File $Page.File -Command $Command.Name -Parameter $dp.Name -Set $sets -Message $group.Name
        }
        if ($setCount -gt 1) { Test-EntrySetList -Page $Page -Command $Command -Parameter $dp -InSets @($Uses[$dp.Name] | ForEach-Object { $_.Set }) }
    }
}

function Test-EntrySetList {
    # The 'Parameter Sets:' of a parameter's yaml blocks name only sets the parameter is in; '(All)' means every set.
    param($Page, $Command, $Parameter, [string[]] $InSets)
    $at = @{ File = $Page.File; Command = $Command.Name; Parameter = $Parameter.Name }
    $allSets = @($Command.Sets | ForEach-Object { $_.Name })
    foreach ($e in $Parameter.Entries) {
        foreach ($name in $e.Sets) {
            if ($name -eq '(All)') {
                $absent = @($allSets | Where-Object { $InSets -notcontains $_ })
                if ($absent.Count -gt 0) { New-HelpProblem @at -Message "'Parameter Sets: (All)', but the parameter is not in set(s) $($absent -join ', '); list its sets: $($InSets -join ', ')." }
            }
            elseif ($InSets -notcontains $name) {
                New-HelpProblem @at -Message "'Parameter Sets:' lists '$name', but the parameter is not in that set (its sets: $($InSets -join ', '))."
            }
        }
    }
}

function Test-OutputType {
    # Every [OutputType] of the cmdlet is listed under '## OUTPUTS' ([OutputType(typeof(void))] as 'None').
    param($Page, $Command)
    $documented = @($Page.Outputs | ForEach-Object { $_.Type })
    foreach ($t in $Command.OutputTypes) {
        $want = if ($t -eq 'System.Void') { 'None' } else { $t }
        $short = $want.Split('.')[-1]
        if ($documented -notcontains $want -and $documented -notcontains $short) {
            New-HelpProblem -File $Page.File -Command $Command.Name -Message "[OutputType] declares '$t', which '## OUTPUTS' does not list: add '### $want'."
        }
    }
}

function Test-PageAgainstModule {
    <#
    .SYNOPSIS
        Compares the cmdlet pages with the module's shape; returns one TallyfyHelp.Problem per difference.
    .DESCRIPTION
        A cmdlet with no page; a page for a cmdlet the module does not export; a parameter with no
        entry, or an entry for a parameter that does not exist; a parameter set with no syntax block, a
        syntax block that is not a set or whose text differs from Get-Command -Syntax, a wrong
        (Default) marker; per parameter and set, a Type, Required, Position, pipeline input or Aliases
        that differ, or 'Parameter Sets:' that do not match; an [OutputType] missing from OUTPUTS; a cmdlet
        without a HelpUri, or whose HelpUri is not its page's 'online version:'.
    .EXAMPLE
        Test-PageAgainstModule -Pages $pages -Shape (Get-ModuleShape -Manifest $manifest) | ForEach-Object Text
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.Problem')]
    param(
        [object[]] $Pages,
        [Parameter(Mandatory = $true)] [PSTypeName('TallyfyHelp.ModuleShape')] $Shape,
        # Pages that exist but could not be read: already reported, so not reported again as missing.
        [string[]] $UnreadableFile = @()
    )
    $byName = @{}
    foreach ($p in $Pages) { $byName[$p.Name] = $p }
    foreach ($c in $Shape.Commands) {
        if ($UnreadableFile -contains "$($c.Name).md") { continue }
        if (-not $byName.ContainsKey($c.Name)) {
            New-HelpProblem -File "$($c.Name).md" -Command $c.Name -Message 'the cmdlet has no help page in the docs folder.'
            continue
        }
        $page = $byName[$c.Name]
        $uses = Get-ParameterUse -Command $c
        Test-ParameterList -Page $page -Command $c -Uses $uses
        Test-SyntaxBlock -Page $page -Command $c
        Test-ParameterAttribute -Page $page -Command $c -Uses $uses
        Test-OutputType -Page $page -Command $c
        # Get-Help -Online opens the page's 'online version:'; the cmdlet's HelpUri must name the same page.
        if (-not $c.HelpUri) {
            New-HelpProblem -File $page.File -Command $c.Name -Message "the cmdlet has no HelpUri: add HelpUri = HelpLinks.Base + `"$($c.Name).md`" to its [Cmdlet] attribute."
        }
        elseif ($page.OnlineVersion -ne $c.HelpUri) {
            New-HelpProblem -File $page.File -Command $c.Name -Message "the front matter's 'online version: $($page.OnlineVersion)' is not the cmdlet's HelpUri ($($c.HelpUri))."
        }
    }
    $exported = @($Shape.Commands | ForEach-Object { $_.Name })
    foreach ($p in $Pages) {
        if ($exported -notcontains $p.Name) { New-HelpProblem -File $p.File -Command $p.Name -Message 'the page documents a cmdlet that the module does not export.' }
    }
}

#endregion

#region ErrorIds against the about page

function Get-DocumentedErrorId {
    <#
    .SYNOPSIS
        The ErrorIds an about page lists: the first column of every table whose first header cell is 'ErrorId'.
    .DESCRIPTION
        Returns a TallyfyHelp.DocumentedErrorIds: File, Found ($true when the page has such a table)
        and Ids (in page order, duplicates kept so that the check can report them).
    .EXAMPLE
        (Get-DocumentedErrorId -Page (Read-AboutPage docs/en-US/about_TallyfyPS.md)).Ids
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.DocumentedErrorIds')]
    param([Parameter(Mandatory = $true)] [PSTypeName('TallyfyHelp.AboutPage')] $Page)
    $found = $false
    $ids = [System.Collections.Generic.List[string]]::new()
    foreach ($b in @($Page.Sections | ForEach-Object { $_.Blocks } | Where-Object { $_.Kind -eq 'table' })) {
        $rows = @(Split-MarkdownTable $b.Text)
        if ($rows.Count -eq 0 -or $rows[0][0] -ne 'ErrorId') { continue }
        $found = $true
        foreach ($row in ($rows | Select-Object -Skip 1)) { if ($row[0]) { $ids.Add($row[0]) } }
    }
    [pscustomobject]@{ PSTypeName = 'TallyfyHelp.DocumentedErrorIds'; File = $Page.File; Found = $found; Ids = $ids.ToArray() }
}

function Test-ErrorIdCatalog {
    <#
    .SYNOPSIS
        Compares the module's ErrorId catalog with the ErrorIds the about page lists; one problem per id that differs.
    .DESCRIPTION
        Reports nothing while the module has no TallyfyPS.Cmdlets.ErrorIds type. Otherwise: an id in the
        catalog that the page does not list, an id the page lists that the catalog does not have, an id
        listed twice, and a page with no ErrorId table. Ids are compared case-sensitively, as
        FullyQualifiedErrorId is.
    .EXAMPLE
        Test-ErrorIdCatalog -Catalog $shape.ErrorIdCatalog -Documented (Get-DocumentedErrorId -Page $about)
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.Problem')]
    param([Parameter(Mandatory = $true)] $Catalog, [Parameter(Mandatory = $true)] [PSTypeName('TallyfyHelp.DocumentedErrorIds')] $Documented)
    if (-not $Catalog.Found) { return }
    $file = $Documented.File
    if (-not $Documented.Found) { New-HelpProblem -File $file -Message "no table with an 'ErrorId' column lists the ErrorIds of $($Catalog.TypeName)." }
    $values = @($Catalog.Entries | ForEach-Object { $_.Value })
    foreach ($e in $Catalog.Entries) {
        if ($Documented.Ids -cnotcontains $e.Value) { New-HelpProblem -File $file -Message "ErrorId '$($e.Value)' ($($Catalog.TypeName).$($e.Name)) is missing from the error table." }
    }
    $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::Ordinal)
    foreach ($id in $Documented.Ids) {
        if (-not $seen.Add($id)) { New-HelpProblem -File $file -Message "ErrorId '$id' is listed twice in the error table."; continue }
        if ($values -cnotcontains $id) { New-HelpProblem -File $file -Message "ErrorId '$id' is in the error table, but $($Catalog.TypeName) has no constant with that value." }
    }
}

#endregion

Export-ModuleMember -Function Get-ModuleShape, Read-ModuleShape, Get-ErrorIdCatalog, Test-PageAgainstModule, Get-DocumentedErrorId, Test-ErrorIdCatalog
