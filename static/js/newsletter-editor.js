// The newsletter editor: turns each <textarea data-rich-editor> into a
// rich-text editor (Tiptap/ProseMirror from django-prose-editor's bundle,
// served from our own static files). Without JavaScript, or where modules do
// not load, the textarea stays and takes HTML or the text format.
//
// Strict CSP: nothing here adds inline script or style. Tiptap would inject
// a <style> element, so injectCSS is off and its few rules are in
// css/editor.css. The labels come, translated, from the textarea's
// data-rich-editor attribute.
//
// Keyboard: Tab reaches the toolbar once (one tab stop, arrow keys move
// between its buttons, Escape returns to the text), then the text, then
// leaves; Alt+F10 in the text moves to the toolbar; Ctrl/Cmd+K adds a link.

import {
  Blockquote,
  Bold,
  BulletList,
  Document,
  Dropcursor,
  Editor,
  Gapcursor,
  HardBreak,
  Heading,
  Italic,
  Link,
  ListItem,
  OrderedList,
  Paragraph,
  Text,
  UndoRedo,
} from "../django_prose_editor/editor.js";

const SCHEMES = /^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i;
let counter = 0;

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

// Each button: [label key, run, is it pressed?, can it run?]
function buttonSpecs(editor) {
  const chain = () => editor.chain().focus();
  return [
    [
      ["heading", () => chain().toggleHeading({ level: 2 }).run(), () => editor.isActive("heading", { level: 2 })],
      ["subheading", () => chain().toggleHeading({ level: 3 }).run(), () => editor.isActive("heading", { level: 3 })],
    ],
    [
      ["bold", () => chain().toggleBold().run(), () => editor.isActive("bold")],
      ["italic", () => chain().toggleItalic().run(), () => editor.isActive("italic")],
    ],
    [
      ["bulletList", () => chain().toggleBulletList().run(), () => editor.isActive("bulletList")],
      ["orderedList", () => chain().toggleOrderedList().run(), () => editor.isActive("orderedList")],
      ["blockquote", () => chain().toggleBlockquote().run(), () => editor.isActive("blockquote")],
    ],
    [["link", null, () => editor.isActive("link")]],
    [
      ["undo", () => chain().undo().run(), null, () => editor.can().undo()],
      ["redo", () => chain().redo().run(), null, () => editor.can().redo()],
    ],
  ];
}

function linkDialog(editor, labels, id) {
  const input = element("input", {
    type: "text",
    inputmode: "url",
    autocomplete: "url",
    spellcheck: "false",
    id: `${id}-href`,
    "aria-describedby": `${id}-error`,
  });
  const error = element("p", { className: "error", id: `${id}-error` });
  const save = element("button", { type: "submit", text: labels.saveLink });
  const remove = element("button", {
    type: "button",
    className: "secondary",
    text: labels.unlink,
  });
  const cancel = element("button", {
    type: "button",
    className: "secondary",
    text: labels.cancel,
  });
  const form = element("form", { method: "dialog" }, [
    element("h2", { id: `${id}-title`, text: labels.linkTitle }),
    element("label", { for: input.id, text: labels.linkAddress }),
    error,
    input,
    element("div", { className: "rich-dialog-buttons" }, [save, remove, cancel]),
  ]);
  const dialog = element(
    "dialog",
    { className: "rich-dialog", "aria-labelledby": `${id}-title` },
    [form],
  );
  document.body.append(dialog);

  const close = () => {
    dialog.close();
    editor.commands.focus();
  };
  cancel.addEventListener("click", close);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    close();
  });
  remove.addEventListener("click", () => {
    dialog.close();
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const href = input.value.trim();
    if (!SCHEMES.test(href)) {
      error.textContent = labels.linkError;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    dialog.close();
    const chain = editor.chain().focus();
    if (editor.isActive("link")) {
      chain.extendMarkRange("link").setLink({ href }).run();
    } else if (editor.state.selection.empty) {
      // Nothing selected: the address itself becomes the link's text.
      chain
        .insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      chain.setLink({ href }).run();
    }
  });

  return () => {
    const current = editor.getAttributes("link").href || "";
    input.value = current || "https://";
    input.removeAttribute("aria-invalid");
    error.textContent = "";
    remove.hidden = !current;
    dialog.showModal();
    input.select();
  };
}

function toolbarKeys(toolbar, editor) {
  const buttons = () => [...toolbar.querySelectorAll("button")];
  const remember = (to) => {
    for (const button of buttons()) button.tabIndex = -1;
    to.tabIndex = 0;
  };
  const move = (to) => {
    remember(to);
    to.focus();
  };
  toolbar.addEventListener("keydown", (event) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement);
    if (at === -1) return;
    const next = {
      ArrowRight: all[(at + 1) % all.length],
      ArrowLeft: all[(at - 1 + all.length) % all.length],
      Home: all[0],
      End: all[all.length - 1],
    }[event.key];
    if (next) {
      event.preventDefault();
      move(next);
    } else if (event.key === "Escape") {
      event.preventDefault();
      editor.commands.focus();
    }
  });
  toolbar.addEventListener("click", (event) => {
    // The action has moved the focus back to the text: only remember.
    const button = event.target.closest("button");
    if (button) remember(button);
  });
}

function create(textarea) {
  const labels = JSON.parse(textarea.dataset.richEditor || "{}");
  const id = `${textarea.id || `rich-${++counter}`}-editor`;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const describedBy = [textarea.getAttribute("aria-describedby"), `${id}-hint`]
    .filter(Boolean)
    .join(" ");

  const toolbar = element("div", {
    role: "toolbar",
    className: "rich-toolbar",
    "aria-controls": id,
    "aria-label": (labels.toolbar || "").replace("%(field)s", label ? label.textContent.trim() : ""),
  });
  const hint = element("p", { className: "help rich-hint", id: `${id}-hint`, text: labels.hint });
  const mount = element("div", { className: "rich-text" });
  const wrapper = element("div", { className: "rich-editor" }, [toolbar, mount, hint]);
  textarea.before(wrapper);
  textarea.hidden = true;

  const editorAttributes = {
    id,
    role: "textbox",
    "aria-multiline": "true",
    "aria-describedby": describedBy,
    class: "rich-text-area",
  };
  if (label) editorAttributes["aria-labelledby"] = label.id;
  if (textarea.lang) editorAttributes.lang = textarea.lang;
  if (textarea.getAttribute("aria-invalid") === "true") editorAttributes["aria-invalid"] = "true";

  let openLink = () => {};
  const editor = new Editor({
    element: mount,
    injectCSS: false,
    content: textarea.value,
    extensions: [
      Document,
      Paragraph,
      Text,
      HardBreak,
      Heading.configure({ levels: [2, 3] }),
      Bold,
      Italic,
      BulletList,
      OrderedList,
      // Tab and Shift+Tab leave the text, also in a list, instead of
      // nesting its items: the keyboard never gets stuck in the editor.
      ListItem.extend({
        addKeyboardShortcuts() {
          return { Enter: () => this.editor.commands.splitListItem(this.name) };
        },
      }),
      Blockquote,
      Link.extend({
        addKeyboardShortcuts() {
          return {
            "Mod-k": () => {
              openLink();
              return true;
            },
          };
        },
      }).configure({
        openOnClick: false,
        autolink: true,
        enableTarget: false,
        HTMLAttributes: { target: null, rel: null, class: null },
      }),
      UndoRedo,
      Dropcursor,
      Gapcursor,
    ],
    editorProps: {
      attributes: editorAttributes,
      handleKeyDown(_view, event) {
        if (event.altKey && event.key === "F10") {
          event.preventDefault();
          (toolbar.querySelector('button[tabindex="0"]') || toolbar.querySelector("button")).focus();
          return true;
        }
        return false;
      },
    },
    onUpdate({ editor }) {
      textarea.value = editor.isEmpty ? "" : editor.getHTML();
    },
  });
  openLink = linkDialog(editor, labels, id);

  const updates = [];
  buttonSpecs(editor).forEach((group, index) => {
    const dom = element("div", { className: "rich-toolbar-group" });
    for (const [key, run, pressed, enabled] of group) {
      const button = element("button", {
        type: "button",
        className: `rich-button rich-${key}`,
        tabindex: index === 0 && dom.childElementCount === 0 ? "0" : "-1",
        text: labels[key] || key,
      });
      // Keep the text's selection while the pointer presses a button.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => {
        if (button.getAttribute("aria-disabled") === "true") return;
        // Back to the text at once (Tiptap's focus waits for a frame), so
        // that typing right after a button press is not lost.
        if (run) editor.view.focus();
        if (run) run();
        else openLink();
      });
      dom.append(button);
      updates.push(() => {
        if (pressed) button.setAttribute("aria-pressed", String(!!pressed()));
        if (enabled) button.setAttribute("aria-disabled", String(!enabled()));
      });
    }
    toolbar.append(dom);
  });
  const refresh = () => {
    for (const update of updates) update();
  };
  editor.on("transaction", refresh);
  refresh();
  toolbarKeys(toolbar, editor);

  if (label) label.addEventListener("click", () => editor.commands.focus());
  return editor;
}

for (const textarea of document.querySelectorAll("textarea[data-rich-editor]")) {
  create(textarea);
}
