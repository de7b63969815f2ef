<#
.SYNOPSIS
    Builds TallyfyPS's help from docs/en-US: the cmdlet pages become one MAML file
    (TallyfyPS.dll-Help.xml) and about_TallyfyPS.md becomes about_TallyfyPS.help.txt.
.DESCRIPTION
    The pages use platyPS's markdown shape (# Name, ## SYNOPSIS, ## SYNTAX with one code block per
    parameter set under '### SetName', ## DESCRIPTION, ## EXAMPLES with '### Example N: title',
    ## PARAMETERS with '### -Name' and a yaml block, ## INPUTS, ## OUTPUTS, ## NOTES,
    ## RELATED LINKS). platyPS is not needed: this script is the converter.

    With -ModulePath, the module is imported in a child PowerShell process and the pages are checked
    against it. The build fails when a cmdlet has no page, a parameter has no entry, or a documented
    parameter does not exist. Differences in parameter sets, types, aliases, Required, Position and
    pipeline input are reported as warnings, or as failures with -Strict.

    Runs on PowerShell 7 and Windows PowerShell 5.1.
.EXAMPLE
    ./docs/Build-Help.ps1 -DocsPath docs/en-US -OutputPath out/TallyfyPS/0.1.0/en-US -ModulePath out/TallyfyPS/0.1.0/TallyfyPS.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $DocsPath,

    [Parameter(Mandatory = $true)]
    [string] $OutputPath,

    # The laid-out module manifest to check the pages against. Without it nothing is checked.
    [string] $ModulePath,

    # Treat drift in parameter attributes (sets, type, aliases, Required, Position, pipeline input) as failures.
    [switch] $Strict,

    # Wrap column of the about_ text file.
    [ValidateRange(40, 200)]
    [int] $Width = 80
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$ModuleName = 'TallyfyPS'
$MamlFileName = 'TallyfyPS.dll-Help.xml'
$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$NsMSHelp = 'http://msdn.microsoft.com/mshelp'

# Parameters that PowerShell adds: documented by 'about_CommonParameters', not by each page.
$CommonParameterNames = @('Verbose', 'Debug', 'ErrorAction', 'WarningAction', 'InformationAction', 'ProgressAction',
    'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable',
    'WhatIf', 'Confirm', 'UseTransaction')

# -WhatIf and -Confirm appear in the syntax (as Get-Command -Syntax prints it) but have no page entry.
$RiskParameters = @{
    WhatIf  = @{ Alias = 'wi'; Text = 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is sent.' }
    Confirm = @{ Alias = 'cf'; Text = 'Prompts you for confirmation before running the cmdlet.' }
}

#region Markdown reading

function Get-Section {
    # Splits lines into sections at headings of the given level: @{ Title; Lines }.
    param([string[]] $Lines, [int] $Level)
    $prefix = ('#' * $Level) + ' '
    $sections = New-Object System.Collections.Generic.List[object]
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($prefix) -and -not $line.StartsWith($prefix + '#')) {
            $current = @{ Title = $line.Substring($prefix.Length).Trim(); Lines = New-Object System.Collections.Generic.List[string] }
            $sections.Add($current)
            continue
        }
        if ($null -ne $current) { $current.Lines.Add($line) }
    }
    return $sections.ToArray()
}

function Get-Block {
    # Splits markdown lines into blocks: @{ Kind = 'para'|'code'|'list'|'table'|'heading'; Text; Lang; Level }.
    param([string[]] $Lines)
    $blocks = New-Object System.Collections.Generic.List[object]
    $buffer = New-Object System.Collections.Generic.List[string]
    $kind = $null
    $fence = $null
    $lang = ''

    $flush = {
        if ($buffer.Count -gt 0) {
            switch ($kind) {
                'para' { $blocks.Add(@{ Kind = 'para'; Text = (($buffer | ForEach-Object { $_.Trim() }) -join ' ') }) }
                'list' { $blocks.Add(@{ Kind = 'list'; Text = ($buffer -join "`n") }) }
                'table' { $blocks.Add(@{ Kind = 'table'; Text = ($buffer -join "`n") }) }
            }
        }
        $buffer.Clear()
        $kind = $null # dot-sourced: this is Get-Block's own variable
    }

    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line.Trim() -eq $fence) {
                $blocks.Add(@{ Kind = 'code'; Text = ($buffer -join "`n"); Lang = $lang })
                $buffer.Clear()
                $fence = $null
            }
            else {
                $buffer.Add($line)
            }
            continue
        }
        if ($line -match '^\s*(```|~~~)\s*([\w-]*)\s*$') {
            . $flush
            $fence = $Matches[1]
            $lang = $Matches[2]
            continue
        }
        if ($line -match '^(#{3,6})\s+(.*)$') {
            . $flush
            $blocks.Add(@{ Kind = 'heading'; Level = $Matches[1].Length; Text = $Matches[2].Trim() })
            continue
        }
        if ($line.Trim() -eq '') {
            . $flush
            continue
        }
        if ($line -match '^\s*\|') {
            if ($kind -ne 'table') { . $flush; $kind = 'table' }
            $buffer.Add($line.Trim())
            continue
        }
        if ($line -match '^\s*([-*+]|\d+\.)\s+') {
            if ($kind -ne 'list') { . $flush; $kind = 'list' }
            $buffer.Add($line)
            continue
        }
        if ($kind -eq 'list' -and $line -match '^\s+\S') {
            $buffer[$buffer.Count - 1] = $buffer[$buffer.Count - 1] + ' ' + $line.Trim()
            continue
        }
        if ($null -eq $kind) { $kind = 'para' }
        $buffer.Add($line)
    }
    if ($null -ne $fence) { throw "An unclosed code fence ($fence)." }
    . $flush
    return $blocks.ToArray()
}

function ConvertFrom-Inline {
    # Markdown inline markup to plain text: links keep their text (and an absolute address), code and emphasis lose their marks.
    param([string] $Text)
    $t = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)\s]*)\)', {
            param($m)
            $label = $m.Groups[1].Value
            $uri = $m.Groups[2].Value
            if ($uri -match '^https?://' -and $uri -ne $label) { "$label ($uri)" } else { $label }
        })
    $t = [regex]::Replace($t, '`([^`]+)`', '$1')
    $t = [regex]::Replace($t, '\*\*([^*]+)\*\*', '$1')
    $t = [regex]::Replace($t, '(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])', '$1')
    $t = [regex]::Replace($t, '(?<!\w)_([^_\s][^_]*)_(?!\w)', '$1')
    $t = $t -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
    return $t
}

function Split-ListItem {
    # The items of a list block, markers normalised to '- ' / 'N. '.
    param([string] $Text)
    foreach ($line in ($Text -split "`n")) {
        if ($line -match '^(\s*)([-*+]|\d+\.)\s+(.*)$') {
            $marker = if ($Matches[2] -match '^\d') { $Matches[2] } else { '-' }
            @{ Indent = $Matches[1].Length; Marker = $marker; Text = (ConvertFrom-Inline $Matches[3]) }
        }
    }
}

function Split-TableRow {
    param([string] $Text)
    foreach ($row in ($Text -split "`n")) {
        $cells = @($row.Trim().Trim('|') -split '(?<!\\)\|' | ForEach-Object { ConvertFrom-Inline $_.Trim() })
        if (($cells -join '') -match '^[\s:-]+$') { continue } # the separator row
        , $cells
    }
}

function ConvertTo-ParaText {
    # Blocks to the paragraphs of a MAML element (one string each). Code and tables keep their lines.
    param($Blocks)
    foreach ($b in $Blocks) {
        switch ($b.Kind) {
            'para' { ConvertFrom-Inline $b.Text }
            'heading' { (ConvertFrom-Inline $b.Text).ToUpperInvariant() }
            'list' { foreach ($i in (Split-ListItem $b.Text)) { (' ' * $i.Indent) + $i.Marker + ' ' + $i.Text } }
            'code' { ($b.Text -split "`n" | ForEach-Object { '    ' + $_ }) -join "`n" }
            'table' {
                $rows = @(Split-TableRow $b.Text)
                foreach ($r in $rows) { $r -join ' | ' }
            }
        }
    }
}

function Read-Yaml {
    param([string] $Text)
    $map = [ordered]@{}
    foreach ($line in ($Text -split "`n")) {
        if ($line -match '^\s*([A-Za-z][\w ]*?)\s*:\s*(.*)$') { $map[$Matches[1]] = $Matches[2].Trim() }
    }
    return $map
}

function Split-List([string] $Text) {
    if ($null -eq $Text) { return @() }
    $t = $Text.Trim()
    if ($t -eq '' -or $t -eq 'None' -or $t -eq 'none') { return @() }
    return @($t -split '\s*,\s*' | Where-Object { $_ })
}

function Read-CommandPage {
    # Reads one cmdlet page into a plain object; throws with the file name on a malformed page.
    param([string] $Path)
    $lines = [System.IO.File]::ReadAllLines($Path)
    $file = Split-Path $Path -Leaf
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $lines.Count; $i++) { if ($lines[$i].Trim() -eq '---') { $start = $i + 1; break } }
    }
    $body = @($lines[$start..($lines.Count - 1)])
    $h1 = @(Get-Section -Lines $body -Level 1)
    if ($h1.Count -ne 1) { throw "${file}: expected exactly one '# Name' heading, found $($h1.Count)." }
    $name = $h1[0].Title
    $page = [ordered]@{
        Name = $name; File = $file; Synopsis = $null; Description = @(); Syntax = @(); Examples = @()
        Parameters = @(); Inputs = @(); Outputs = @(); Notes = @(); Links = @()
    }
    $seen = @{}
    foreach ($s in (Get-Section -Lines $h1[0].Lines -Level 2)) {
        $title = $s.Title.ToUpperInvariant()
        $seen[$title] = $true
        switch ($title) {
            'SYNOPSIS' { $page.Synopsis = (@(ConvertTo-ParaText (Get-Block $s.Lines)) -join ' ').Trim() }
            'DESCRIPTION' { $page.Description = @(ConvertTo-ParaText (Get-Block $s.Lines)) }
            'SYNTAX' {
                foreach ($set in (Get-Section -Lines $s.Lines -Level 3)) {
                    $code = @((Get-Block $set.Lines) | Where-Object { $_.Kind -eq 'code' })
                    if ($code.Count -ne 1) { throw "${file}: syntax set '$($set.Title)' needs exactly one code block." }
                    $setName = $set.Title -replace '\s*\(Default\)\s*$', ''
                    $page.Syntax += [pscustomobject]@{
                        Name = $setName; IsDefault = ($set.Title -match '\(Default\)\s*$')
                        Text = (($code[0].Text -split "`n" | ForEach-Object { $_.Trim() }) -join ' ').Trim()
                    }
                }
            }
            'EXAMPLES' {
                foreach ($e in (Get-Section -Lines $s.Lines -Level 3)) {
                    $blocks = @(Get-Block $e.Lines)
                    $codeBlocks = @($blocks | Where-Object { $_.Kind -eq 'code' })
                    if ($codeBlocks.Count -eq 0 -or $codeBlocks[0].Lang -ne 'powershell') {
                        throw "${file}: '$($e.Title)' must start with a ``````powershell block."
                    }
                    $first = $true
                    $remarks = New-Object System.Collections.Generic.List[string]
                    foreach ($b in $blocks) {
                        if ($first -and $b.Kind -eq 'code') { $first = $false; continue }
                        if ($b.Kind -eq 'code') { $remarks.Add($b.Text) } else { foreach ($p in (ConvertTo-ParaText @($b))) { $remarks.Add($p) } }
                    }
                    $page.Examples += [pscustomobject]@{ Title = $e.Title; Code = $codeBlocks[0].Text; Remarks = $remarks.ToArray() }
                }
            }
            'PARAMETERS' {
                foreach ($p in (Get-Section -Lines $s.Lines -Level 3)) {
                    if ($p.Title -eq 'CommonParameters') { continue }
                    if ($p.Title -notmatch '^-(\w+)$') { throw "${file}: a parameter heading must be '### -Name', found '### $($p.Title)'." }
                    $pName = $Matches[1]
                    $blocks = @(Get-Block $p.Lines)
                    $yaml = @($blocks | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'yaml' })
                    if ($yaml.Count -eq 0) { throw "${file}: parameter -$pName has no yaml block." }
                    $entries = foreach ($y in $yaml) {
                        $map = Read-Yaml $y.Text
                        foreach ($key in 'Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters') {
                            if (-not $map.Contains($key)) { throw "${file}: parameter -${pName}: the yaml block has no '${key}:'." }
                        }
                        [pscustomobject]@{
                            Type = $map['Type']; Sets = @(Split-List $map['Parameter Sets']); Aliases = @(Split-List $map['Aliases'])
                            Required = ($map['Required'] -eq 'True'); Position = $map['Position']; Default = $map['Default value']
                            Pipeline = $map['Accept pipeline input']; Wildcard = ($map['Accept wildcard characters'] -eq 'True')
                        }
                    }
                    $desc = @(ConvertTo-ParaText ($blocks | Where-Object { -not ($_.Kind -eq 'code' -and $_.Lang -eq 'yaml') }))
                    $page.Parameters += [pscustomobject]@{ Name = $pName; Description = $desc; Entries = @($entries) }
                }
            }
            { $_ -eq 'INPUTS' -or $_ -eq 'OUTPUTS' } {
                $items = foreach ($t in (Get-Section -Lines $s.Lines -Level 3)) {
                    [pscustomobject]@{ Type = (ConvertFrom-Inline $t.Title); Description = @(ConvertTo-ParaText (Get-Block $t.Lines)) }
                }
                if ($title -eq 'INPUTS') { $page.Inputs = @($items) } else { $page.Outputs = @($items) }
            }
            'NOTES' { $page.Notes = @(ConvertTo-ParaText (Get-Block $s.Lines)) }
            'RELATED LINKS' {
                foreach ($line in $s.Lines) {
                    if ($line -match '\[([^\]]+)\]\(([^)]*)\)') {
                        $uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' }
                        $page.Links += [pscustomobject]@{ Text = $Matches[1]; Uri = $uri }
                    }
                }
            }
            default { throw "${file}: unknown section '## $($s.Title)'." }
        }
    }
    foreach ($required in 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS') {
        if (-not $seen.ContainsKey($required)) { throw "${file}: the '## $required' section is missing." }
    }
    if (-not $page.Synopsis) { throw "${file}: the synopsis is empty." }
    if ($page.Description.Count -eq 0) { throw "${file}: the description is empty." }
    if ($page.Syntax.Count -eq 0) { throw "${file}: no parameter set under '## SYNTAX'." }
    foreach ($p in $page.Parameters) {
        if ($p.Description.Count -eq 0) { throw "${file}: parameter -$($p.Name) has no description." }
    }
    return [pscustomobject]$page
}

function Get-SyntaxParameter {
    # The parameters of one syntax line, in order: @{ Name; Value (the <type> text or $null) }.
    param([string] $Text)
    $rest = ($Text -replace '^\S+\s*', '')
    foreach ($m in [regex]::Matches($rest, '-(?<name>[A-Za-z]\w*)\]?(?:\s+<(?<type>[^>]+)>)?')) {
        [pscustomobject]@{ Name = $m.Groups['name'].Value; Value = $(if ($m.Groups['type'].Success) { $m.Groups['type'].Value } else { $null }) }
    }
}

function Get-ParameterEntry {
    # The yaml entry of a parameter that covers a parameter set.
    param($Parameter, [string] $SetName)
    foreach ($e in $Parameter.Entries) {
        if ($e.Sets -contains '(All)' -or $e.Sets -contains $SetName) { return $e }
    }
    return $null
}

#endregion

#region The module, as PowerShell sees it

function Get-ModuleShape {
    # Imports the module in a child PowerShell process and returns its cmdlets' parameters as objects.
    param([string] $Manifest)
    $script = @'
$ErrorActionPreference = 'Stop'
$m = Import-Module -Name '__PATH__' -PassThru -Force
$common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)
$cmds = foreach ($c in (Get-Command -Module $m.Name -CommandType Cmdlet | Sort-Object Name)) {
    $sets = foreach ($s in $c.ParameterSets) {
        $ps = foreach ($p in $s.Parameters) {
            if ($common -contains $p.Name) { continue }
            $t = $p.ParameterType
            $u = [Nullable]::GetUnderlyingType($t)
            if ($u) { $t = $u }
            [pscustomobject]@{
                Name = $p.Name; Type = $t.Name; FullType = $t.FullName; Mandatory = $p.IsMandatory
                Position = $(if ($p.Position -lt 0) { 'Named' } else { [string]$p.Position })
                ByValue = $p.ValueFromPipeline; ByPropertyName = $p.ValueFromPipelineByPropertyName
                Aliases = @($p.Aliases)
            }
        }
        [pscustomobject]@{ Name = $s.Name; IsDefault = $s.IsDefault; Syntax = ($c.Name + ' ' + $s.ToString()); Parameters = @($ps) }
    }
    [pscustomobject]@{ Name = $c.Name; Sets = @($sets) }
}
ConvertTo-Json -InputObject @($cmds) -Depth 8 -Compress
'@
    $script = $script.Replace('__PATH__', $Manifest.Replace("'", "''"))
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
    $exe = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @()
    if ((Split-Path $exe -Leaf) -like 'dotnet*') { $arguments += (Join-Path $PSHOME 'pwsh.dll') }
    $arguments += @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    $output = & $exe @arguments 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "Could not import '$Manifest' in a child PowerShell to check the help: $($output -join [Environment]::NewLine)"
    }
    $json = ($output | Where-Object { $_ -is [string] }) -join ''
    return @(ConvertFrom-Json $json)
}

function Format-Pipeline($Parameter) {
    $kinds = @()
    if ($Parameter.ByPropertyName) { $kinds += 'ByPropertyName' }
    if ($Parameter.ByValue) { $kinds += 'ByValue' }
    if ($kinds.Count -eq 0) { return 'False' }
    return "True ($($kinds -join ', '))"
}

function Test-PageAgainstModule {
    # Compares the pages with the module. Returns @{ Errors; Warnings } (lists of strings).
    param($Pages, $Commands)
    $errors = New-Object System.Collections.Generic.List[string]
    $warnings = New-Object System.Collections.Generic.List[string]
    $byName = @{}
    foreach ($p in $Pages) { $byName[$p.Name] = $p }
    foreach ($c in $Commands) {
        if (-not $byName.ContainsKey($c.Name)) { $errors.Add("$($c.Name): no help page ($($c.Name).md in the docs folder)."); continue }
        $page = $byName[$c.Name]
        $real = @{}
        foreach ($s in $c.Sets) { foreach ($p in $s.Parameters) { if (-not $real.ContainsKey($p.Name)) { $real[$p.Name] = @() }; $real[$p.Name] += , @($s.Name, $p) } }
        $documented = @{}
        foreach ($p in $page.Parameters) { $documented[$p.Name] = $p }
        foreach ($n in ($real.Keys | Sort-Object)) {
            if (-not $documented.ContainsKey($n)) { $errors.Add("$($c.Name): parameter -$n is not documented.") }
        }
        foreach ($n in ($documented.Keys | Sort-Object)) {
            if (-not $real.ContainsKey($n)) { $errors.Add("$($c.Name): documented parameter -$n does not exist.") }
        }
        # Syntax blocks: one per parameter set, the same text as Get-Command -Syntax.
        $realSets = @($c.Sets | ForEach-Object { $_.Name })
        $docSets = @($page.Syntax | ForEach-Object { $_.Name })
        foreach ($s in $c.Sets) {
            $doc = @($page.Syntax | Where-Object { $_.Name -eq $s.Name })
            if ($doc.Count -eq 0) {
                if ($realSets.Count -eq 1 -and $docSets.Count -eq 1) { $doc = @($page.Syntax[0]) }
                else { $warnings.Add("$($c.Name): parameter set '$($s.Name)' has no syntax block."); continue }
            }
            $want = ($s.Syntax -replace '\s+', ' ').Trim()
            if ($doc[0].Text -ne $want) { $warnings.Add("$($c.Name): the syntax of set '$($s.Name)' differs from the module's:`n    page:   $($doc[0].Text)`n    module: $want") }
            if ($realSets.Count -gt 1 -and $doc[0].IsDefault -ne $s.IsDefault) { $warnings.Add("$($c.Name): set '$($s.Name)' (Default) marker differs from the module.") }
        }
        foreach ($d in $docSets) {
            if ($realSets.Count -gt 1 -and $realSets -notcontains $d) { $warnings.Add("$($c.Name): syntax block '$d' is not a parameter set of the cmdlet.") }
        }
        # Attributes, per parameter set.
        foreach ($n in $real.Keys) {
            if (-not $documented.ContainsKey($n)) { continue }
            $dp = $documented[$n]
            foreach ($pair in $real[$n]) {
                $setName = $pair[0]; $rp = $pair[1]
                $e = Get-ParameterEntry $dp $setName
                if ($null -eq $e -and $realSets.Count -eq 1) { $e = $dp.Entries[0] }
                if ($null -eq $e) { $warnings.Add("$($c.Name) -${n}: no yaml block covers parameter set '$setName'."); continue }
                $where = "$($c.Name) -$n ($setName)"
                if ($e.Type -ne $rp.Type -and $e.Type -ne $rp.FullType) { $warnings.Add("${where}: Type is '$($e.Type)', the module says '$($rp.Type)'.") }
                if ($e.Required -ne [bool]$rp.Mandatory) { $warnings.Add("${where}: Required is $($e.Required), the module says $($rp.Mandatory).") }
                if ($e.Position -ne $rp.Position) { $warnings.Add("${where}: Position is '$($e.Position)', the module says '$($rp.Position)'.") }
                $pipe = Format-Pipeline $rp
                if ($e.Pipeline -ne $pipe) { $warnings.Add("${where}: Accept pipeline input is '$($e.Pipeline)', the module says '$pipe'.") }
                $ra = @($rp.Aliases | Sort-Object) -join ', '
                $da = @($e.Aliases | Sort-Object) -join ', '
                if ($ra -ne $da) { $warnings.Add("${where}: Aliases are '$da', the module says '$ra'.") }
            }
        }
    }
    foreach ($p in $Pages) {
        if (-not @($Commands | Where-Object { $_.Name -eq $p.Name })) { $errors.Add("$($p.File): documents '$($p.Name)', which the module does not export.") }
    }
    return @{ Errors = $errors; Warnings = $warnings }
}

#endregion

#region MAML writing

function Write-Para {
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs)
    $any = $false
    foreach ($p in $Paragraphs) {
        $W.WriteElementString('para', $NsMaml, $p)
        $any = $true
    }
    if (-not $any) { $W.WriteElementString('para', $NsMaml, '') }
}

function Write-Description {
    param([System.Xml.XmlWriter] $W, [string[]] $Paragraphs)
    $W.WriteStartElement('maml', 'description', $NsMaml)
    Write-Para $W $Paragraphs
    $W.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $W, [string] $Name, [string[]] $Description, [string] $TypeName, [string] $ValueText,
        [bool] $Required, [string] $Position, [string] $Pipeline, [bool] $Globbing, [string[]] $Aliases, [string] $Default)
    $isSwitch = $TypeName -eq 'SwitchParameter'
    $W.WriteStartElement('command', 'parameter', $NsCommand)
    $W.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', ($TypeName -like '*`[`]').ToString().ToLowerInvariant())
    $W.WriteAttributeString('globbing', $Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Pipeline)
    $W.WriteAttributeString('position', $(if ($Position -eq 'Named') { 'named' } else { $Position }))
    $W.WriteAttributeString('aliases', $(if ($Aliases.Count -gt 0) { $Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('name', $NsMaml, $Name)
    Write-Description $W $Description
    if (-not $isSwitch) {
        $W.WriteStartElement('command', 'parameterValue', $NsCommand)
        $W.WriteAttributeString('required', 'true')
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($ValueText)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $NsDev)
    $W.WriteElementString('name', $NsMaml, $TypeName)
    $W.WriteElementString('uri', $NsMaml, '')
    $W.WriteEndElement()
    $W.WriteElementString('defaultValue', $NsDev, $(if ($Default) { $Default } else { 'None' }))
    $W.WriteEndElement()
}

function Write-CommandHelp {
    param([System.Xml.XmlWriter] $W, $Page)
    $verb, $noun = $Page.Name -split '-', 2
    $W.WriteStartElement('command', 'command', $NsCommand)
    $W.WriteAttributeString('xmlns', 'maml', $null, $NsMaml)
    $W.WriteAttributeString('xmlns', 'command', $null, $NsCommand)
    $W.WriteAttributeString('xmlns', 'dev', $null, $NsDev)
    $W.WriteAttributeString('xmlns', 'MSHelp', $null, $NsMSHelp)

    $W.WriteStartElement('command', 'details', $NsCommand)
    $W.WriteElementString('name', $NsCommand, $Page.Name)
    $W.WriteElementString('verb', $NsCommand, $verb)
    $W.WriteElementString('noun', $NsCommand, $noun)
    Write-Description $W @($Page.Synopsis)
    $W.WriteEndElement()

    Write-Description $W $Page.Description

    $W.WriteStartElement('command', 'syntax', $NsCommand)
    foreach ($set in $Page.Syntax) {
        $W.WriteStartElement('command', 'syntaxItem', $NsCommand)
        $W.WriteElementString('name', $NsMaml, $Page.Name)
        foreach ($sp in (Get-SyntaxParameter $set.Text)) {
            if ($RiskParameters.ContainsKey($sp.Name)) {
                $r = $RiskParameters[$sp.Name]
                Write-Parameter $W $sp.Name @($r.Text) 'SwitchParameter' $null $false 'Named' 'False' $false @($r.Alias) 'False'
                continue
            }
            $p = @($Page.Parameters | Where-Object { $_.Name -eq $sp.Name })
            if ($p.Count -eq 0) { throw "$($Page.File): the syntax of set '$($set.Name)' names -$($sp.Name), which has no entry under '## PARAMETERS'." }
            $e = Get-ParameterEntry $p[0] $set.Name
            if ($null -eq $e) {
                if ($Page.Syntax.Count -eq 1) { $e = $p[0].Entries[0] }
                else { throw "$($Page.File): no yaml block of -$($sp.Name) lists the parameter set '$($set.Name)'." }
            }
            $value = if ($sp.Value) { $sp.Value } else { $e.Type }
            Write-Parameter $W $sp.Name $p[0].Description $e.Type $value $e.Required $e.Position $e.Pipeline $e.Wildcard $e.Aliases $e.Default
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $NsCommand)
    foreach ($p in $Page.Parameters) {
        $e = $p.Entries[0]
        $required = @($p.Entries | Where-Object { $_.Required }).Count -gt 0 -and @($p.Entries | Where-Object { -not $_.Required }).Count -eq 0
        $position = $e.Position
        $pipeline = $e.Pipeline
        foreach ($other in $p.Entries) {
            if ($other.Position -ne $position) { $position = 'Named' }
            if ($other.Pipeline -ne 'False' -and $pipeline -eq 'False') { $pipeline = $other.Pipeline }
        }
        Write-Parameter $W $p.Name $p.Description $e.Type $e.Type $required $position $pipeline $e.Wildcard $e.Aliases $e.Default
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'inputTypes', $NsCommand)
    foreach ($i in $Page.Inputs) {
        $W.WriteStartElement('command', 'inputType', $NsCommand)
        $W.WriteStartElement('dev', 'type', $NsDev)
        $W.WriteElementString('name', $NsMaml, $i.Type)
        $W.WriteEndElement()
        Write-Description $W $i.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'returnValues', $NsCommand)
    foreach ($o in $Page.Outputs) {
        $W.WriteStartElement('command', 'returnValue', $NsCommand)
        $W.WriteStartElement('dev', 'type', $NsDev)
        $W.WriteElementString('name', $NsMaml, $o.Type)
        $W.WriteEndElement()
        Write-Description $W $o.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'alertSet', $NsMaml)
    $W.WriteStartElement('maml', 'alert', $NsMaml)
    Write-Para $W $Page.Notes
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $NsCommand)
    foreach ($x in $Page.Examples) {
        $W.WriteStartElement('command', 'example', $NsCommand)
        $W.WriteElementString('title', $NsMaml, "-------------------------- $($x.Title) --------------------------")
        $W.WriteElementString('code', $NsDev, $x.Code)
        $W.WriteStartElement('dev', 'remarks', $NsDev)
        Write-Para $W $x.Remarks
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'relatedLinks', $NsMaml)
    foreach ($l in $Page.Links) {
        $W.WriteStartElement('maml', 'navigationLink', $NsMaml)
        $W.WriteElementString('linkText', $NsMaml, $l.Text)
        $W.WriteElementString('uri', $NsMaml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement() # command:command
}

function Write-Maml {
    param($Pages, [string] $Path)
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize
    $settings.CheckCharacters = $true
    $w = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $w.WriteStartDocument()
        $w.WriteStartElement('helpItems', 'http://msh')
        $w.WriteAttributeString('schema', 'maml')
        foreach ($p in $Pages) { Write-CommandHelp $w $p }
        $w.WriteEndElement()
        $w.WriteEndDocument()
    }
    finally {
        $w.Close()
    }
    [xml] $check = [System.IO.File]::ReadAllText($Path) # well-formed, or this throws
    $null = $check
}

#endregion

#region about_ topic

function Format-Wrapped {
    # Wraps text to the width, every line indented; the first line may carry a different prefix.
    param([string] $Text, [int] $Indent, [int] $Width, [string] $FirstPrefix)
    $pad = ' ' * $Indent
    if (-not $PSBoundParameters.ContainsKey('FirstPrefix')) { $FirstPrefix = $pad }
    $lines = New-Object System.Collections.Generic.List[string]
    $line = $FirstPrefix
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line)
            $line = $pad + $word
        }
        elseif ($empty) { $line = $line + $word }
        else { $line = $line + ' ' + $word }
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line) }
    return $lines.ToArray()
}

function Format-Table {
    # A markdown table as fixed-width columns within the width; cells that do not fit wrap onto more lines.
    param([string] $Text, [int] $Indent, [int] $Width)
    $rows = @(Split-TableRow $Text)
    if ($rows.Count -eq 0) { return @() }
    $columns = $rows[0].Count
    $gap = 2
    $widths = @(for ($c = 0; $c -lt $columns; $c++) {
            [int](($rows | ForEach-Object { if ($c -lt $_.Count) { $_[$c].Length } else { 0 } } | Measure-Object -Maximum).Maximum)
        })
    $available = $Width - $Indent - ($gap * ($columns - 1))
    while ((($widths | Measure-Object -Sum).Sum) -gt $available) {
        $widest = 0
        for ($c = 1; $c -lt $columns; $c++) { if ($widths[$c] -gt $widths[$widest]) { $widest = $c } }
        if ($widths[$widest] -le 10) { break }
        $widths[$widest]--
    }
    $out = New-Object System.Collections.Generic.List[string]
    $r = 0
    foreach ($row in $rows) {
        $cells = @(for ($c = 0; $c -lt $columns; $c++) {
                $cell = if ($c -lt $row.Count) { $row[$c] } else { '' }
                , @(Format-Wrapped -Text $cell -Indent 0 -Width $widths[$c])
            })
        $height = ($cells | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum
        if ($height -lt 1) { $height = 1 }
        for ($l = 0; $l -lt $height; $l++) {
            $line = ' ' * $Indent
            for ($c = 0; $c -lt $columns; $c++) {
                $part = if ($l -lt $cells[$c].Count) { $cells[$c][$l] } else { '' }
                $line += $part.PadRight($widths[$c] + $gap)
            }
            $out.Add($line.TrimEnd())
        }
        if ($r -eq 0) {
            $rule = ' ' * $Indent
            for ($c = 0; $c -lt $columns; $c++) { $rule += ('-' * $widths[$c]).PadRight($widths[$c] + $gap) }
            $out.Add($rule.TrimEnd())
        }
        $r++
    }
    return $out.ToArray()
}

function Convert-AboutTopic {
    param([string] $Path, [int] $Width)
    $lines = [System.IO.File]::ReadAllLines($Path)
    $file = Split-Path $Path -Leaf
    $h1 = @(Get-Section -Lines $lines -Level 1)
    if ($h1.Count -ne 1 -or $h1[0].Title -notmatch '^about_\w+$') { throw "${file}: expected one '# about_Name' heading." }
    $out = New-Object System.Collections.Generic.List[string]
    $out.Add('TOPIC')
    $out.Add('    ' + $h1[0].Title)
    $sections = @(Get-Section -Lines $h1[0].Lines -Level 2)
    if (-not @($sections | Where-Object { $_.Title -eq 'Short description' })) { throw "${file}: the '## Short description' section is missing." }
    foreach ($s in $sections) {
        $out.Add('')
        $out.Add($s.Title.ToUpperInvariant())
        $previous = $null
        foreach ($b in (Get-Block $s.Lines)) {
            if ($previous -ne 'heading') { $out.Add('') }
            switch ($b.Kind) {
                'heading' {
                    $indent = if ($b.Level -le 3) { 2 } else { 4 }
                    $text = ConvertFrom-Inline $b.Text
                    if ($b.Level -le 3) { $text = $text.ToUpperInvariant() }
                    $out.Add((' ' * $indent) + $text)
                }
                'para' { foreach ($l in (Format-Wrapped -Text (ConvertFrom-Inline $b.Text) -Indent 4 -Width $Width)) { $out.Add($l) } }
                'list' {
                    $first = $true
                    foreach ($i in (Split-ListItem $b.Text)) {
                        $indent = 4 + $i.Indent
                        $prefix = (' ' * $indent) + $i.Marker + ' '
                        foreach ($l in (Format-Wrapped -Text $i.Text -Indent $prefix.Length -Width $Width -FirstPrefix $prefix)) { $out.Add($l) }
                        $first = $false
                    }
                }
                'code' { foreach ($l in ($b.Text -split "`n")) { $out.Add(('        ' + $l).TrimEnd()) } }
                'table' { foreach ($l in (Format-Table -Text $b.Text -Indent 4 -Width $Width)) { $out.Add($l) } }
            }
            $previous = $b.Kind
        }
    }
    return ($out -join [Environment]::NewLine) + [Environment]::NewLine
}

#endregion

$DocsPath = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
if (-not (Test-Path -LiteralPath $OutputPath)) { New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null }
$OutputPath = (Resolve-Path -LiteralPath $OutputPath).ProviderPath

$pageFiles = @(Get-ChildItem -LiteralPath $DocsPath -Filter '*.md' | Where-Object { $_.Name -notlike 'about_*' } | Sort-Object Name)
$aboutFiles = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.md' | Sort-Object Name)
if ($pageFiles.Count -eq 0) { throw "No cmdlet help pages in $DocsPath." }

$problems = New-Object System.Collections.Generic.List[string]
$pages = New-Object System.Collections.Generic.List[object]
foreach ($f in $pageFiles) {
    try {
        $page = Read-CommandPage $f.FullName
        if ($page.Name -ne $f.BaseName) { $problems.Add("$($f.Name): the page is named '$($page.Name)'; the file must be '$($page.Name).md'.") }
        if ($page.Examples.Count -lt 3) { $problems.Add("$($f.Name): $($page.Examples.Count) example(s); every page needs at least 3.") }
        $pages.Add($page)
    }
    catch {
        $problems.Add($_.Exception.Message)
    }
}

if ($ModulePath) {
    $commands = Get-ModuleShape -Manifest (Resolve-Path -LiteralPath $ModulePath).ProviderPath
    $check = Test-PageAgainstModule -Pages $pages -Commands $commands
    foreach ($e in $check.Errors) { $problems.Add($e) }
    foreach ($w in $check.Warnings) {
        if ($Strict) { $problems.Add($w) } else { Write-Warning "Help drift: $w" }
    }
}
else {
    Write-Warning 'No -ModulePath: the pages were not checked against the module.'
}

if ($problems.Count -gt 0) {
    $list = ($problems | ForEach-Object { "  - $_" }) -join [Environment]::NewLine
    throw "The help does not match the module or cannot be read ($($problems.Count) problem(s)):$([Environment]::NewLine)$list"
}

$maml = Join-Path $OutputPath $MamlFileName
Write-Maml -Pages $pages -Path $maml
Write-Verbose "Wrote $maml ($($pages.Count) cmdlets)."

foreach ($a in $aboutFiles) {
    $text = Convert-AboutTopic -Path $a.FullName -Width $Width
    $target = Join-Path $OutputPath ($a.BaseName + '.help.txt')
    [System.IO.File]::WriteAllText($target, $text, (New-Object System.Text.UTF8Encoding($false)))
    Write-Verbose "Wrote $target."
}
