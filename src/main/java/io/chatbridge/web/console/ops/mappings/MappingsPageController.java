package io.chatbridge.web.console.ops.mappings;

import io.chatbridge.mapping.MappingLoader;
import io.chatbridge.mapping.MappingProblem;
import io.chatbridge.mapping.MappingRegistry;
import io.chatbridge.mapping.RecordTypeMapping;
import io.chatbridge.web.console.ConsoleAudit;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Mappings in the console: the list, one file in an editor that is checked as the admin types (htmx
 * posts the text, the same loader as start-up and the CLI answers with line:column problems), save,
 * and the playground. Saving is admin only (ConsoleAccess: POST needs ADMIN); agents may read.
 */
@Controller
@RequestMapping("/console/mappings")
class MappingsPageController {

    private final MappingFiles files;
    private final MappingRegistry registry;
    private final Playground playground;
    private final ConsoleAudit audit;

    MappingsPageController(MappingFiles files, MappingRegistry registry, Playground playground, ConsoleAudit audit) {
        this.files = files;
        this.registry = registry;
        this.playground = playground;
        this.audit = audit;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", files.names().stream().map(this::row).toList());
        model.addAttribute("problems", registry.problems());
        model.addAttribute("dir", registry.dir().toString());
        return "console/mappings";
    }

    @GetMapping("/{file}")
    String edit(@PathVariable String file, Model model) {
        String text = files.read(file).orElseThrow(() -> new MappingFiles.UnknownMappingFileException(file));
        return editor(file, text, files.check(file, text).problems(), model);
    }

    /** The problems of the text in the editor, as a fragment; called by htmx while the admin types. */
    @PostMapping("/{file}/check")
    String check(@PathVariable String file, @RequestParam(defaultValue = "") String content, Model model) {
        model.addAttribute("file", file);
        model.addAttribute("problems", files.check(file, content).problems());
        return "console/mapping-edit :: problems";
    }

    @PostMapping("/{file}")
    String save(
            @PathVariable String file,
            @RequestParam(defaultValue = "") String content,
            Model model,
            RedirectAttributes flash,
            HttpServletResponse response,
            Authentication user) {
        List<MappingProblem> problems = files.save(file, content, user.getName());
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("error", "Not saved: fix the problems below first. The running mappings are unchanged.");
            return editor(file, content, problems, model);
        }
        audit.record("mapping-save", "mapping " + file, Map.of("bytes", content.length()));
        flash.addFlashAttribute("message", file + " saved; the new mappings are active.");
        return "redirect:/console/mappings/" + file;
    }

    @PostMapping("/playground")
    String play(
            @RequestParam(defaultValue = "paste") String source,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String businessAuthor,
            @RequestParam(required = false) String conversation,
            @RequestParam(defaultValue = "saved") String mapping,
            @RequestParam(required = false) String file,
            @RequestParam(required = false) String content,
            Model model) {
        Playground.Outcome outcome = playground.run(new Playground.Request(
                "conversation".equals(source),
                text,
                businessAuthor,
                conversation,
                "editor".equals(mapping) && file != null && content != null,
                file,
                content));
        model.addAttribute("outcome", outcome);
        return "console/mapping-edit :: playground-result";
    }

    private String editor(String file, String text, List<MappingProblem> problems, Model model) {
        model.addAttribute("file", file);
        model.addAttribute("mappingText", text);
        model.addAttribute("problems", problems);
        model.addAttribute("revisions", files.revisions(file, 10));
        model.addAttribute(
                "active",
                activeTypes().stream()
                        .filter(t -> t.file().equals(file))
                        .findFirst()
                        .map(RecordTypeMapping::type)
                        .orElse(null));
        return "console/mapping-edit";
    }

    private MappingRow row(String file) {
        Optional<RecordTypeMapping> type =
                activeTypes().stream().filter(t -> t.file().equals(file)).findFirst();
        return new MappingRow(
                file,
                type.map(RecordTypeMapping::type)
                        .orElse(file.equals(MappingLoader.BUSINESS_FILE) ? "business settings" : "—"),
                type.map(RecordTypeMapping::idPrefix).orElse(""),
                type.map(t -> String.join(", ", t.connectors().keySet())).orElse(""),
                type.map(t -> String.join(", ", t.requiredFields())).orElse(""));
    }

    /** One line of the list: a file and the record type it defines (as running now). */
    record MappingRow(String file, String type, String idPrefix, String sinks, String requiredFields) {}

    private List<RecordTypeMapping> activeTypes() {
        return registry.hasValidSet() ? List.copyOf(registry.current().types().values()) : List.of();
    }
}
