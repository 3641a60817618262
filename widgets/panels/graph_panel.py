"""The autograd graph of the loss: one box per node (value and ∂L/∂·), arrows, and the update lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from widgets.panels.graph_layout import (
    GraphNodeLike,
    UpdateLineLike,
    format_factor,
    format_number,
    format_value,
    layer_rows,
)

BACKGROUND = "#1b1b1b"
TEXT_COLOR = "#f0f0f0"
VALUE_COLOR = "#d0d0d0"
GRAD_COLOR = "#ff9f1c"
ARROW_COLOR = "#8a8a8a"
# kind -> (fill, border, border width); parameters stand out: they are what descent changes.
BOX_STYLES = {
    "parameter": ("#3d3300", "#ffd60a", 2.5),
    "input": ("#262626", "#7a7a7a", 1.0),
    "op": ("#24303f", "#6c8ebf", 1.0),
    "loss": ("#3f2424", "#ff6b6b", 2.0),
}
LABEL_PX = 12
NUMBER_PX = 11
PADDING = 6.0
LAYER_GAP = 26.0
ROW_GAP = 12.0
RADIUS = 6.0
ARROW_HEAD = 6.0
CHANGED_STEP_TOLERANCE = 1e-12  # relative: the optimizer's step differs from plain SGD's


class _NodeItems:
    """The box and three text lines of one node (a plain holder, not a Qt subclass)."""

    def __init__(self, scene: QGraphicsScene, kind: str, fonts: tuple[QFont, QFont]) -> None:
        fill, border, width = BOX_STYLES.get(kind, BOX_STYLES["op"])
        self.box = QGraphicsPathItem()
        self.box.setBrush(QBrush(QColor(fill)))
        self.box.setPen(QPen(QColor(border), width))
        scene.addItem(self.box)
        self.texts = []
        for font, color in ((fonts[0], TEXT_COLOR), (fonts[1], VALUE_COLOR), (fonts[1], GRAD_COLOR)):
            text = QGraphicsSimpleTextItem(self.box)
            text.setFont(font)
            text.setBrush(QBrush(QColor(color)))
            self.texts.append(text)
        self.size = (0.0, 0.0)

    def set_texts(self, label: str, value: str, grad: str) -> None:
        for item, text in zip(self.texts, (label, value, grad), strict=True):
            if item.text() != text:
                item.setText(text)
        lines = [item for item in self.texts if item.text()]
        width = max(item.boundingRect().width() for item in lines) + 2 * PADDING
        y = PADDING / 2
        for item in self.texts:
            item.setVisible(bool(item.text()))
            if item.text():
                item.setPos((width - item.boundingRect().width()) / 2, y)
                y += item.boundingRect().height()
        self.size = (width, y + PADDING / 2)
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, *self.size), RADIUS, RADIUS)
        self.box.setPath(path)

    def anchor(self, side: str) -> QPointF:
        """Middle of the box's left or right edge, in scene coordinates."""
        x = self.box.pos().x() + (self.size[0] if side == "right" else 0.0)
        return QPointF(x, self.box.pos().y() + self.size[1] / 2)


class GraphPanel(QWidget):
    """Setters never emit; choosing whole batch / one sample emits ``sample_chosen`` (−1 = whole batch)."""

    sample_chosen = Signal(int)
    step_by_step_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label_font = QFont(self.font())
        self._label_font.setPixelSize(LABEL_PX)
        self._label_font.setBold(True)
        self._number_font = QFont(self.font())
        self._number_font.setPixelSize(NUMBER_PX)

        self.scene = QGraphicsScene(self)
        self.scene.setBackgroundBrush(QBrush(QColor(BACKGROUND)))
        self.view = QGraphicsView(self.scene, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setMinimumHeight(90)
        self.view.setToolTip(self.tr("The graph autograd built for the loss: each box is one operation."))

        self.legend = QLabel(self)
        self.legend.setText(
            f"<span style='color:{VALUE_COLOR}'>{self.tr('value')} / </span>"
            f"<span style='color:{GRAD_COLOR}'>{self.tr('∂L/∂·')}</span>"
        )
        self.legend.setStyleSheet(f"background-color: {BACKGROUND}; padding: 1px 6px; border-radius: 3px;")
        self.legend.setToolTip(
            self.tr("Each box shows its output and the gradient of the loss with respect to it.")
        )
        self.sample_box = QComboBox(self)
        self.sample_box.setToolTip(self.tr("Draw the graph of the whole batch's loss or of one sample's."))
        self.update_label = QLabel(self)
        self.update_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.update_label.setToolTip(self.tr("The step just taken, written as plain gradient descent."))
        self.step_by_step_box = QCheckBox(self.tr("Step by step"), self)
        self.step_by_step_box.setToolTip(
            self.tr("Replay the update at the play head in sub-steps on the 3D view and the map.")
        )
        self.step_label = QLabel(self)
        self.step_label.setWordWrap(True)
        self.step_label.setStyleSheet(f"color: {GRAD_COLOR};")
        self.step_label.hide()
        for label in (self.legend, self.update_label):
            font = QFont(label.font())
            font.setPixelSize(max(NUMBER_PX, font.pixelSize()))
            label.setFont(font)

        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.legend)
        top.addStretch(1)
        top.addWidget(self.step_by_step_box)
        top.addWidget(self.sample_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        # The update, term by term, beside the graph (scrolls when an optimizer has many terms).
        terms = QWidget(self)
        terms_layout = QVBoxLayout(terms)
        terms_layout.setContentsMargins(4, 0, 4, 0)
        terms_layout.addWidget(self.update_label)
        terms_layout.addWidget(self.step_label)
        terms_layout.addStretch(1)
        self.terms_scroll = QScrollArea(self)
        self.terms_scroll.setWidgetResizable(True)
        self.terms_scroll.setWidget(terms)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.terms_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self._structure: list[tuple[str, str, tuple[int, ...]]] = []
        self._boxes: dict[int, _NodeItems] = {}
        self._arrows: list[tuple[int, int, QGraphicsPathItem, QGraphicsPolygonItem]] = []
        self.set_samples(0, -1)
        self.sample_box.currentIndexChanged.connect(self._on_sample_box_index_changed)
        self.step_by_step_box.toggled.connect(self._on_step_by_step_box_toggled)

    # ----------------------------------------------------------------- setters (never emit)
    def set_graph(self, nodes: Sequence[GraphNodeLike]) -> None:
        """Draw the nodes (topological order); items are reused while the graph's shape is the same."""
        structure = [(node.label, node.kind, tuple(node.inputs)) for node in nodes]
        rebuilt = structure != self._structure
        if rebuilt:
            self._rebuild(nodes)
            self._structure = structure
        for node in nodes:
            self._boxes[node.id].set_texts(node.label, format_value(node.value), format_value(node.grad))
            self._boxes[node.id].box.setToolTip(self._tooltip(node))
        self._place(nodes)
        if rebuilt:  # a new graph is read from its inputs on the left; a changed one keeps the scroll
            bar = self.view.horizontalScrollBar()
            bar.setValue(bar.minimum())

    def set_update_lines(self, lines: Sequence[UpdateLineLike]) -> None:
        self.update_label.setText("\n".join(self._update_text(line) for line in lines))

    def set_update_terms(self, lines: Sequence[str]) -> None:
        """The selected run's whole update, term by term with its numbers (replaces the GD line)."""
        self.update_label.setText("\n".join(lines))
        self.update_label.setToolTip(
            self.tr("The update the optimizer took, term by term, as torch.optim does it.")
        )

    def set_step_by_step(self, on: bool) -> None:
        with QSignalBlocker(self.step_by_step_box):
            self.step_by_step_box.setChecked(on)
        self.step_label.setVisible(on)

    def set_step_sentence(self, text: str) -> None:
        """The sentence of the sub-step shown on the views (Step by step)."""
        self.step_label.setText(text)

    def set_samples(self, count: int, current: int) -> None:
        """Offer the whole batch and samples 0..count−1; ``current`` −1 selects the whole batch."""
        with QSignalBlocker(self.sample_box):
            if self.sample_box.count() != count + 1:
                self.sample_box.clear()
                self.sample_box.addItem(self.tr("whole batch"), -1)
                for k in range(count):
                    self.sample_box.addItem(self.tr("sample {k}").format(k=k), k)
            self.sample_box.setCurrentIndex(current + 1 if -1 <= current < count else 0)

    def node_items(self) -> dict[int, _NodeItems]:
        """The drawn items of each node (box, texts), by node id; for tests and screenshots."""
        return dict(self._boxes)

    def box_texts(self) -> list[tuple[str, str, str]]:
        """(label, value, gradient) shown in each box, in node order; for tests and screenshots."""
        return [tuple(t.text() for t in items.texts) for items in self._boxes.values()]  # type: ignore[misc]

    # ----------------------------------------------------------------- drawing
    def _rebuild(self, nodes: Sequence[GraphNodeLike]) -> None:
        self.scene.clear()
        fonts = (self._label_font, self._number_font)
        self._boxes = {node.id: _NodeItems(self.scene, node.kind, fonts) for node in nodes}
        self._arrows = []
        pen = QPen(QColor(ARROW_COLOR), 1.2)
        for node in nodes:
            for source in node.inputs:
                line = QGraphicsPathItem()
                line.setPen(pen)
                line.setZValue(-1)
                head = QGraphicsPolygonItem()
                head.setPen(QPen(Qt.PenStyle.NoPen))
                head.setBrush(QBrush(QColor(ARROW_COLOR)))
                self.scene.addItem(line)
                self.scene.addItem(head)
                self._arrows.append((source, node.id, line, head))

    def _place(self, nodes: Sequence[GraphNodeLike]) -> None:
        cells = layer_rows(nodes)
        layers = max((layer for layer, _ in cells.values()), default=-1) + 1
        widths = [0.0] * layers
        heights = [0.0] * (max((row for _, row in cells.values()), default=-1) + 1)
        for node_id, (layer, row) in cells.items():
            width, height = self._boxes[node_id].size
            widths[layer] = max(widths[layer], width)
            heights[row] = max(heights[row], height)
        lefts = [sum(widths[:i]) + i * LAYER_GAP for i in range(layers)]
        tops = [sum(heights[:i]) + i * ROW_GAP for i in range(len(heights))]
        for node_id, (layer, row) in cells.items():
            items = self._boxes[node_id]
            items.box.setPos(lefts[layer] + (widths[layer] - items.size[0]) / 2, tops[row])
        for source, target, line, head in self._arrows:
            self._draw_arrow(
                self._boxes[source].anchor("right"), self._boxes[target].anchor("left"), line, head
            )
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-6, -6, 6, 6))

    @staticmethod
    def _draw_arrow(
        start: QPointF, end: QPointF, line: QGraphicsPathItem, head: QGraphicsPolygonItem
    ) -> None:
        tip = QPointF(end.x() - 1, end.y())
        base = QPointF(tip.x() - ARROW_HEAD, tip.y())
        bend = max((base.x() - start.x()) / 2, 8.0)
        path = QPainterPath(start)
        path.cubicTo(QPointF(start.x() + bend, start.y()), QPointF(base.x() - bend, base.y()), base)
        line.setPath(path)
        half = ARROW_HEAD / 2
        head.setPolygon(
            QPolygonF([tip, QPointF(base.x(), tip.y() - half), QPointF(base.x(), tip.y() + half)])
        )

    def _tooltip(self, node: GraphNodeLike) -> str:
        kinds = {
            "parameter": self.tr("parameter (requires_grad=True): descent changes it"),
            "input": self.tr("data (requires_grad=False): no gradient is kept"),
            "op": self.tr("operation recorded by autograd"),
            "loss": self.tr("the loss: backward() starts here with ∂L/∂L = 1"),
        }
        text = (
            f"{node.label}: {kinds.get(node.kind, node.kind)}\n{self.tr('value')} {format_value(node.value)}"
        )
        if node.grad is not None:
            text += f"\n∂L/∂· {format_value(node.grad)}"
        return text

    def _update_text(self, line: UpdateLineLike) -> str:
        sgd_after = line.before - line.lr * line.grad
        text = self.tr("{p} ← {p} − lr · ∂L/∂{p} = {before} − {lr} · {grad} = {after}").format(
            p=line.name,
            before=format_number(line.before),
            lr=format_factor(line.lr),
            grad=format_factor(line.grad),
            after=format_number(sgd_after),
        )
        if abs(line.after - sgd_after) > CHANGED_STEP_TOLERANCE * max(1.0, abs(line.after)):
            text += self.tr("; the optimizer went to {after}").format(after=format_number(line.after))
        return text

    # ----------------------------------------------------------------- user actions
    def _on_step_by_step_box_toggled(self, on: bool) -> None:
        self.step_label.setVisible(on)
        self.step_by_step_toggled.emit(on)

    def _on_sample_box_index_changed(self, index: int) -> None:
        if index >= 0:
            self.sample_chosen.emit(int(self.sample_box.itemData(index)))
