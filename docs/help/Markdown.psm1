# Reads the platyPS-style markdown pages of docs/en-US into typed objects (TallyfyHelp.CommandPage,
# TallyfyHelp.AboutPage). Nothing here knows MAML, the about_ text layout or the module: the
# writers and the module check work from these objects.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Problem.psm1')

# The sections every cmdlet page must have, in platyPS's order.
$script:RequiredSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')

# The keys every parameter's yaml block must have.
$script:YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')

#region Blocks and inline text

function Get-MarkdownSection {
    # Splits lines into sections at headings of one level (headings inside code fences do not count).
    param([string[]] $Lines, [int] $Level)
    $prefix = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($prefix) -and -not $line.StartsWith($prefix + '#')) {
            $current = [pscustomobject]@{ Title = $line.Substring($prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
            continue
        }
        if ($null -ne $current) { $current.Lines.Add($line) }
    }
    return $sections.ToArray()
}

function New-MarkdownBlock {
    # One block of a section: Kind is 'para', 'code', 'list', 'table' or 'heading'.
    param([string] $Kind, [string] $Text, [string] $Lang = '', [int] $Level = 0)
    [pscustomobject]@{ PSTypeName = 'TallyfyHelp.MarkdownBlock'; Kind = $Kind; Text = $Text; Lang = $Lang; Level = $Level }
}

function Complete-PendingBlock {
    # Ends the paragraph, list or table being collected: adds it to $Blocks and empties $Pending.
    param($Blocks, $Pending)
    if ($Pending.Lines.Count -gt 0) {
        switch ($Pending.Kind) {
            # A paragraph is one line of text; lists and tables keep their lines.
            'para' { $Blocks.Add((New-MarkdownBlock -Kind 'para' -Text (($Pending.Lines | ForEach-Object { $_.Trim() }) -join ' '))) }
            'list' { $Blocks.Add((New-MarkdownBlock -Kind 'list' -Text ($Pending.Lines -join "`n"))) }
            'table' { $Blocks.Add((New-MarkdownBlock -Kind 'table' -Text ($Pending.Lines -join "`n"))) }
        }
    }
    $Pending.Lines.Clear()
    $Pending.Kind = $null
}

function Get-MarkdownBlock {
    # Splits the lines of a section into blocks (see New-MarkdownBlock). Throws on an unclosed code fence.
    param([string[]] $Lines)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $pending = [pscustomobject]@{ Kind = $null; Lines = [System.Collections.Generic.List[string]]::new() }
    $code = [System.Collections.Generic.List[string]]::new()
    $open = $null  # the code block being read: its Fence (``` or ~~~), Lang and opening Line
    foreach ($line in $Lines) {
        if ($null -ne $open) {
            if ($line.Trim() -eq $open.Fence) {
                $blocks.Add((New-MarkdownBlock -Kind 'code' -Text ($code -join "`n") -Lang $open.Lang))
                $code.Clear()
                $open = $null
            }
            else { $code.Add($line) }
            continue
        }
        if ($line -match '^\s*(```|~~~)\s*([\w-]*)\s*$') {
            $open = [pscustomobject]@{ Fence = $Matches[1]; Lang = $Matches[2]; Line = $line.Trim() }
            Complete-PendingBlock $blocks $pending
            continue
        }
        if ($line -match '^\s*<!--.*-->\s*$') {
            # A comment (an example's '<!-- illustration: why -->' marker) is for the markdown's readers and tests only.
            Complete-PendingBlock $blocks $pending
            continue
        }
        if ($line -match '^(#{3,6})\s+(.*)$') {
            $heading = New-MarkdownBlock -Kind 'heading' -Text $Matches[2].Trim() -Level $Matches[1].Length
            Complete-PendingBlock $blocks $pending
            $blocks.Add($heading)
            continue
        }
        if ($line.Trim() -eq '') { Complete-PendingBlock $blocks $pending; continue }
        if ($line -match '^\s*\|') {
            if ($pending.Kind -ne 'table') { Complete-PendingBlock $blocks $pending; $pending.Kind = 'table' }
            $pending.Lines.Add($line.Trim())
            continue
        }
        if ($line -match '^\s*([-*+]|\d+\.)\s+') {
            if ($pending.Kind -ne 'list') { Complete-PendingBlock $blocks $pending; $pending.Kind = 'list' }
            $pending.Lines.Add($line)
            continue
        }
        if ($pending.Kind -eq 'list' -and $line -match '^\s+\S') {
            # An indented line continues the list item above it.
            $pending.Lines[$pending.Lines.Count - 1] += ' ' + $line.Trim()
            continue
        }
        if ($null -eq $pending.Kind) { $pending.Kind = 'para' }
        $pending.Lines.Add($line)
    }
    if ($null -ne $open) {
        $first = if ($code.Count -gt 0) { ", first line '$($code[0].Trim())'" } else { '' }
        throw "the code block '$($open.Line)'$first is never closed (no '$($open.Fence)' line after it)."
    }
    Complete-PendingBlock $blocks $pending
    return $blocks.ToArray()
}

function ConvertFrom-MarkdownInline {
    <#
    .SYNOPSIS
        Turns markdown inline markup into plain text.
    .DESCRIPTION
        Links keep their text, followed by the address in parentheses when it is an absolute http(s)
        address that differs from the text; code spans and emphasis lose their marks; backslash
        escapes are resolved.
    .EXAMPLE
        ConvertFrom-MarkdownInline 'Run `Connect-Tallyfy` **first**'   # Run Connect-Tallyfy first
    #>
    [OutputType([string])]
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

function Split-MarkdownList {
    <#
    .SYNOPSIS
        The items of a list block: Indent (spaces), Marker ('-' or 'N.') and Text (plain text).
    .EXAMPLE
        Split-MarkdownList "- one`n  - two"
    #>
    param([string] $Text)
    foreach ($line in ($Text -split "`n")) {
        if ($line -match '^(\s*)([-*+]|\d+\.)\s+(.*)$') {
            # Copy the groups first: the -match below replaces $Matches.
            $indent = $Matches[1].Length
            $marker = $Matches[2]
            $itemText = $Matches[3]
            if ($marker -notmatch '^\d') { $marker = '-' }
            [pscustomobject]@{ Indent = $indent; Marker = $marker; Text = (ConvertFrom-MarkdownInline $itemText) }
        }
    }
}

function Split-MarkdownTable {
    <#
    .SYNOPSIS
        The rows of a table block, each an array of plain-text cells; the header row comes first and
        the separator row (| --- |) is left out.
    .EXAMPLE
        Split-MarkdownTable "| a | b |`n| --- | --- |`n| 1 | 2 |"   # @('a','b'), @('1','2')
    #>
    param([string] $Text)
    foreach ($row in ($Text -split "`n")) {
        $cells = @($row.Trim().Trim('|') -split '(?<!\\)\|' | ForEach-Object { ConvertFrom-MarkdownInline $_.Trim() })
        if (($cells -join '') -match '^[\s:-]+$') { continue }
        , $cells  # the comma keeps the row one array in the pipeline
    }
}

function ConvertTo-HelpParagraph {
    # Blocks to the paragraphs of a MAML element, one string each. Code and tables keep their lines.
    param($Blocks)
    foreach ($b in $Blocks) {
        switch ($b.Kind) {
            'para' { ConvertFrom-MarkdownInline $b.Text }
            'heading' { (ConvertFrom-MarkdownInline $b.Text).ToUpperInvariant() }
            'list' { foreach ($i in (Split-MarkdownList $b.Text)) { (' ' * $i.Indent) + $i.Marker + ' ' + $i.Text } }
            'code' { ($b.Text -split "`n" | ForEach-Object { '    ' + $_ }) -join "`n" }
            'table' { foreach ($r in @(Split-MarkdownTable $b.Text)) { $r -join ' | ' } }
        }
    }
}

#endregion

#region Front matter and yaml

function Read-YamlMap {
    # The 'Key: value' lines of a yaml block or of the front matter, as an ordered map.
    param([string[]] $Lines)
    $map = [ordered]@{}
    foreach ($line in $Lines) {
        if ($line -match '^\s*([A-Za-z][\w ]*?)\s*:\s*(.*)$') { $map[$Matches[1]] = $Matches[2].Trim() }
    }
    return $map
}

function Split-YamlList {
    # 'a, b' to @('a', 'b'); empty and 'None' to @().
    param([string] $Text)
    if ($null -eq $Text) { return @() }
    $t = $Text.Trim()
    if ($t -eq '' -or $t -eq 'None' -or $t -eq 'none') { return @() }
    return @($t -split '\s*,\s*' | Where-Object { $_ })
}

function Split-FrontMatter {
    # Separates the '---' front matter from the body. Without a closing '---' the whole file is the body.
    param([string[]] $Lines)
    $fields = [ordered]@{}
    $start = 0
    if ($Lines.Count -gt 0 -and $Lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $Lines.Count; $i++) {
            if ($Lines[$i].Trim() -eq '---') {
                $start = $i + 1
                if ($i -gt 1) { $fields = Read-YamlMap -Lines $Lines[1..($i - 1)] }
                break
            }
        }
    }
    $body = if ($start -lt $Lines.Count) { @($Lines[$start..($Lines.Count - 1)]) } else { @() }
    [pscustomobject]@{ Fields = $fields; Body = $body }
}

#endregion

#region The sections of a cmdlet page

function Read-SyntaxSection {
    # '### SetName' (or '### SetName (Default)') with one code block each.
    param($Section, $Page, $Problems)
    foreach ($set in (Get-MarkdownSection -Lines $Section.Lines -Level 3)) {
        $code = @((Get-MarkdownBlock $set.Lines) | Where-Object { $_.Kind -eq 'code' })
        if ($code.Count -ne 1) {
            $Problems.Add((New-HelpProblem -File $Page.File -Command $Page.Name -Message "syntax set '$($set.Title)' needs exactly one code block, found $($code.Count)."))
            continue
        }
        [pscustomobject]@{
            PSTypeName = 'TallyfyHelp.SyntaxSet'
            Name = ($set.Title -replace '\s*\(Default\)\s*$', '')
            IsDefault = ($set.Title -match '\(Default\)\s*$')
            # Get-Command -Syntax prints one line: join the code block's lines.
            Text = (($code[0].Text -split "`n" | ForEach-Object { $_.Trim() }) -join ' ').Trim()
        }
    }
}

function Read-ExampleSection {
    # '### Example N: title', then a ```powershell block (the code) and the remarks (text, output blocks).
    param($Section, $Page, $Problems)
    foreach ($e in (Get-MarkdownSection -Lines $Section.Lines -Level 3)) {
        $blocks = @(Get-MarkdownBlock $e.Lines)
        $codeBlocks = @($blocks | Where-Object { $_.Kind -eq 'code' })
        if ($codeBlocks.Count -eq 0 -or $codeBlocks[0].Lang -ne 'powershell') {
            $Problems.Add((New-HelpProblem -File $Page.File -Command $Page.Name -Message "'$($e.Title)' has no code: its first code block must be a ``````powershell block."))
            continue
        }
        $remarks = [System.Collections.Generic.List[string]]::new()
        $codeSkipped = $false
        foreach ($b in $blocks) {
            # The first code block is the example's code; later ones (its output) are remarks.
            if ($b.Kind -eq 'code' -and -not $codeSkipped) { $codeSkipped = $true; continue }
            if ($b.Kind -eq 'code') { $remarks.Add($b.Text) }
            else { foreach ($p in (ConvertTo-HelpParagraph @($b))) { $remarks.Add($p) } }
        }
        [pscustomobject]@{ PSTypeName = 'TallyfyHelp.Example'; Title = $e.Title; Code = $codeBlocks[0].Text; Remarks = $remarks.ToArray() }
    }
}

function ConvertTo-ParameterEntry {
    # One yaml block of a parameter (a parameter has one per group of parameter sets it behaves the same in).
    param([string] $Yaml, [string] $Name, $Page, $Problems)
    $map = Read-YamlMap -Lines ($Yaml -split "`n")
    foreach ($key in $script:YamlKeys) {
        if (-not $map.Contains($key)) {
            $Problems.Add((New-HelpProblem -File $Page.File -Command $Page.Name -Parameter $Name -Message "the yaml block has no '${key}:'."))
        }
    }
    [pscustomobject]@{
        PSTypeName = 'TallyfyHelp.ParameterEntry'
        Type = $map['Type']; Sets = @(Split-YamlList $map['Parameter Sets']); Aliases = @(Split-YamlList $map['Aliases'])
        Required = ($map['Required'] -eq 'True'); Position = $map['Position']; Default = $map['Default value']
        Pipeline = $map['Accept pipeline input']; Wildcard = ($map['Accept wildcard characters'] -eq 'True')
    }
}

function Read-ParameterSection {
    # '### -Name': the description, then one or more yaml blocks. '### CommonParameters' is skipped.
    param($Section, $Page, $Problems)
    foreach ($p in (Get-MarkdownSection -Lines $Section.Lines -Level 3)) {
        if ($p.Title -eq 'CommonParameters') { continue }
        if ($p.Title -notmatch '^-(\w+)$') {
            $Problems.Add((New-HelpProblem -File $Page.File -Command $Page.Name -Message "a parameter heading must be '### -Name', found '### $($p.Title)'."))
            continue
        }
        $name = $Matches[1]
        $blocks = @(Get-MarkdownBlock $p.Lines)
        $yaml = @($blocks | Where-Object { $_.Kind -eq 'code' -and $_.Lang -eq 'yaml' })
        if ($yaml.Count -eq 0) {
            $Problems.Add((New-HelpProblem -File $Page.File -Command $Page.Name -Parameter $name -Message 'has no yaml block.'))
            continue
        }
        $entries = foreach ($y in $yaml) { ConvertTo-ParameterEntry -Yaml $y.Text -Name $name -Page $Page -Problems $Problems }
        [pscustomobject]@{
            PSTypeName = 'TallyfyHelp.Parameter'
            Name = $name
            Description = @(ConvertTo-HelpParagraph ($blocks | Where-Object { -not ($_.Kind -eq 'code' -and $_.Lang -eq 'yaml') }))
            Entries = @($entries)
        }
    }
}

function Read-TypeSection {
    # INPUTS and OUTPUTS: '### TypeName' and a description.
    param($Section)
    foreach ($t in (Get-MarkdownSection -Lines $Section.Lines -Level 3)) {
        [pscustomobject]@{
            PSTypeName = 'TallyfyHelp.TypeNote'
            Type = (ConvertFrom-MarkdownInline $t.Title)
            Description = @(ConvertTo-HelpParagraph (Get-MarkdownBlock $t.Lines))
        }
    }
}

function Read-LinkSection {
    # RELATED LINKS: one [text](target) per line. Uri is the target when it is an http(s) address, else ''.
    param($Section)
    foreach ($line in $Section.Lines) {
        if ($line -match '\[([^\]]+)\]\(([^)]*)\)') {
            # Copy the groups first: the -match below replaces $Matches.
            $text = $Matches[1]
            $target = $Matches[2]
            $uri = if ($target -match '^https?://') { $target } else { '' }
            [pscustomobject]@{ PSTypeName = 'TallyfyHelp.Link'; Text = $text; Uri = $uri }
        }
    }
}

function Read-PageSection {
    # Reads one '## SECTION' of a cmdlet page into the page object.
    param($Page, [string] $Title, $Section, $Problems)
    switch ($Title) {
        'SYNOPSIS' { $Page.Synopsis = (@(ConvertTo-HelpParagraph (Get-MarkdownBlock $Section.Lines)) -join ' ').Trim() }
        'DESCRIPTION' { $Page.Description = @(ConvertTo-HelpParagraph (Get-MarkdownBlock $Section.Lines)) }
        'SYNTAX' { $Page.Syntax += @(Read-SyntaxSection -Section $Section -Page $Page -Problems $Problems) }
        'EXAMPLES' { $Page.Examples += @(Read-ExampleSection -Section $Section -Page $Page -Problems $Problems) }
        'PARAMETERS' { $Page.Parameters += @(Read-ParameterSection -Section $Section -Page $Page -Problems $Problems) }
        'INPUTS' { $Page.Inputs = @(Read-TypeSection -Section $Section) }
        'OUTPUTS' { $Page.Outputs = @(Read-TypeSection -Section $Section) }
        'NOTES' { $Page.Notes = @(ConvertTo-HelpParagraph (Get-MarkdownBlock $Section.Lines)) }
        'RELATED LINKS' { $Page.Links += @(Read-LinkSection -Section $Section) }
        default { $Problems.Add((New-HelpProblem -File $Page.File -Command $Page.Name -Message "unknown section '## $($Section.Title)'.")) }
    }
}

#endregion

#region Page rules

function Test-PageSection {
    # The rules for a page's sections: present, not empty, an http(s) online version if any.
    param($Page, [hashtable] $Seen)
    foreach ($required in $script:RequiredSections) {
        if (-not $Seen.ContainsKey($required)) { New-HelpProblem -File $Page.File -Command $Page.Name -Message "the '## $required' section is missing." }
    }
    $at = @{ File = $Page.File; Command = $Page.Name }
    if ($Page.Name -ne [System.IO.Path]::GetFileNameWithoutExtension($Page.File)) {
        New-HelpProblem @at -Message "the page is named '$($Page.Name)'; the file must be '$($Page.Name).md'."
    }
    if (-not $Page.Synopsis) { New-HelpProblem @at -Message 'the synopsis is empty.' }
    if ($Page.Description.Count -eq 0) { New-HelpProblem @at -Message 'the description is empty.' }
    if ($Seen.ContainsKey('SYNTAX') -and $Page.Syntax.Count -eq 0) { New-HelpProblem @at -Message "no parameter set under '## SYNTAX'." }
    if ($Seen.ContainsKey('OUTPUTS') -and $Page.Outputs.Count -eq 0) { New-HelpProblem @at -Message "no '### Type' under '## OUTPUTS'." }
    if ($Seen.ContainsKey('NOTES') -and $Page.Notes.Count -eq 0) { New-HelpProblem @at -Message 'the notes are empty.' }
    if ($Seen.ContainsKey('RELATED LINKS') -and $Page.Links.Count -eq 0) { New-HelpProblem @at -Message "no link under '## RELATED LINKS'." }
    foreach ($p in $Page.Parameters) {
        if ($p.Description.Count -eq 0) { New-HelpProblem @at -Parameter $p.Name -Message 'has no description.' }
    }
    if ($Page.OnlineVersion -and -not (Test-HttpUri $Page.OnlineVersion)) {
        New-HelpProblem -File $Page.File -Message "the front matter's 'online version: $($Page.OnlineVersion)' is not an http(s) address (leave it empty when there is none)."
    }
}

function Test-PageExample {
    # The rules for a page's examples: at least 3, each naming its cmdlet and explained.
    param($Page, [hashtable] $Seen)
    $at = @{ File = $Page.File; Command = $Page.Name }
    if ($Seen.ContainsKey('EXAMPLES') -and $Page.Examples.Count -lt 3) {
        New-HelpProblem @at -Message "$($Page.Examples.Count) example(s) with code; every page needs at least 3."
    }
    foreach ($x in $Page.Examples) {
        if ($x.Code -notmatch [regex]::Escape($Page.Name)) { New-HelpProblem @at -Message "'$($x.Title)': the code does not use $($Page.Name)." }
        if (-not (($x.Remarks -join '').Trim())) { New-HelpProblem @at -Message "'$($x.Title)': no explanation or output after the code." }
    }
}

function Test-HttpUri {
    <#
    .SYNOPSIS
        True when the text is an absolute http or https address.
    .EXAMPLE
        Test-HttpUri 'https://tallyfy.com/'   # True
    #>
    [OutputType([bool])]
    param([string] $Text)
    $uri = $null
    if (-not [System.Uri]::TryCreate($Text, [System.UriKind]::Absolute, [ref] $uri)) { return $false }
    return ($uri.Scheme -eq 'http' -or $uri.Scheme -eq 'https')
}

#endregion

function Read-CommandPage {
    <#
    .SYNOPSIS
        Reads one cmdlet page (docs/en-US/<Verb-Noun>.md) into a TallyfyHelp.CommandPage object.
    .DESCRIPTION
        The page has platyPS's shape: front matter, '# Name', then ## SYNOPSIS, SYNTAX ('### SetName'
        with one code block each, '(Default)' after the default set), DESCRIPTION, EXAMPLES
        ('### Example N: title' and a ```powershell block first), PARAMETERS ('### -Name', a
        description and a yaml block per group of parameter sets), INPUTS, OUTPUTS ('### TypeName'),
        NOTES and RELATED LINKS.

        What breaks the page's rules (a missing section, an example with no code, a parameter with no
        yaml...) is listed in the object's Problems (TallyfyHelp.Problem records), one per rule broken,
        and reading goes on. Only a page that cannot be read at all (no single '# Name' heading, an
        unclosed code fence) throws: an InvalidDataException whose message starts with the file name
        and whose inner exception's message is the reason alone.
    .EXAMPLE
        $page = Read-CommandPage -Path docs/en-US/Remove-TallyfyRun.md
        $page.Problems.Text
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.CommandPage')]
    param([Parameter(Mandatory = $true)] [string] $Path)
    $file = Split-Path $Path -Leaf
    try {
        $parts = Split-FrontMatter -Lines ([System.IO.File]::ReadAllLines($Path))
        $h1 = @(Get-MarkdownSection -Lines $parts.Body -Level 1)
        if ($h1.Count -ne 1) { throw "expected exactly one '# Name' heading, found $($h1.Count)." }
        $page = [pscustomobject]@{
            PSTypeName = 'TallyfyHelp.CommandPage'
            Name = $h1[0].Title; File = $file; OnlineVersion = [string]$parts.Fields['online version']
            Synopsis = $null; Description = @(); Syntax = @(); Examples = @(); Parameters = @()
            Inputs = @(); Outputs = @(); Notes = @(); Links = @(); Problems = @()
        }
        $problems = [System.Collections.Generic.List[object]]::new()
        $seen = @{}
        foreach ($s in (Get-MarkdownSection -Lines $h1[0].Lines -Level 2)) {
            $title = $s.Title.ToUpperInvariant()
            $seen[$title] = $true
            Read-PageSection -Page $page -Title $title -Section $s -Problems $problems
        }
    }
    catch {
        # The file name leads the message; the reason alone is the inner exception's message.
        throw [System.IO.InvalidDataException]::new("${file}: $($_.Exception.Message)", $_.Exception)
    }
    foreach ($p in @(Test-PageSection -Page $page -Seen $seen) + @(Test-PageExample -Page $page -Seen $seen)) { $problems.Add($p) }
    $page.Problems = $problems.ToArray()
    return $page
}

function Read-AboutPage {
    <#
    .SYNOPSIS
        Reads an about page (docs/en-US/about_<Name>.md) into a TallyfyHelp.AboutPage object.
    .DESCRIPTION
        The page is '# about_Name', then '## ' sections ('## Short description' is required). Each
        section's Blocks are its paragraphs, lists, tables, code blocks and '###' headings, in order.
        On a page that breaks these rules it throws as Read-CommandPage does.
    .EXAMPLE
        (Read-AboutPage -Path docs/en-US/about_TallyfyPS.md).Sections.Title
    #>
    [CmdletBinding()]
    [OutputType('TallyfyHelp.AboutPage')]
    param([Parameter(Mandatory = $true)] [string] $Path)
    $file = Split-Path $Path -Leaf
    try {
        $h1 = @(Get-MarkdownSection -Lines ([System.IO.File]::ReadAllLines($Path)) -Level 1)
        if ($h1.Count -ne 1 -or $h1[0].Title -notmatch '^about_\w+$') { throw "expected one '# about_Name' heading." }
        $sections = foreach ($s in (Get-MarkdownSection -Lines $h1[0].Lines -Level 2)) {
            [pscustomobject]@{ PSTypeName = 'TallyfyHelp.AboutSection'; Title = $s.Title; Blocks = @(Get-MarkdownBlock $s.Lines) }
        }
        if (-not @($sections | Where-Object { $_.Title -eq 'Short description' })) { throw "the '## Short description' section is missing." }
    }
    catch {
        # The file name leads the message; the reason alone is the inner exception's message.
        throw [System.IO.InvalidDataException]::new("${file}: $($_.Exception.Message)", $_.Exception)
    }
    [pscustomobject]@{ PSTypeName = 'TallyfyHelp.AboutPage'; Name = $h1[0].Title; File = $file; Sections = @($sections) }
}

function Get-SyntaxParameter {
    <#
    .SYNOPSIS
        The parameters of one syntax line, in order: Name, and Value (the <type> text, or $null for a switch).
    .EXAMPLE
        Get-SyntaxParameter 'Remove-TallyfyRun -Id <string[]> [-Force] [<CommonParameters>]'
    #>
    param([string] $Text)
    $rest = ($Text -replace '^\S+\s*', '')
    foreach ($m in [regex]::Matches($rest, '-(?<name>[A-Za-z]\w*)\]?(?:\s+<(?<type>[^>]+)>)?')) {
        $value = if ($m.Groups['type'].Success) { $m.Groups['type'].Value } else { $null }
        [pscustomobject]@{ Name = $m.Groups['name'].Value; Value = $value }
    }
}

function Get-ParameterEntry {
    <#
    .SYNOPSIS
        The yaml entry of a documented parameter that covers a parameter set ('(All)' covers every set), or $null.
    .EXAMPLE
        Get-ParameterEntry -Parameter $page.Parameters[0] -SetName 'Id'
    #>
    param($Parameter, [string] $SetName)
    foreach ($e in $Parameter.Entries) {
        if ($e.Sets -contains '(All)' -or $e.Sets -contains $SetName) { return $e }
    }
    return $null
}

Export-ModuleMember -Function Read-CommandPage, Read-AboutPage, ConvertFrom-MarkdownInline, Split-MarkdownList, Split-MarkdownTable,
    Get-SyntaxParameter, Get-ParameterEntry, Test-HttpUri
